"""The participants' results file and code, written again here from their description (AUTHORING.md, "Results
files and codes") and not from the runtime, so that the tests check the runtime against the format: a class of
participants is made here and read by the trainer's page in Chromium.

Code: Bech32m (BIP-350) with the prefix "hr"; its bytes: version (8 bits), the layout's fingerprint (24), the
participant (32), then for each bank of the layout and each phase (before, after) a presence bit and, when present,
each question's value (a score in tenths in 4 bits, 15 = not asked; a statement's point in 3 bits, 0 = none); zero
bits to a whole byte; then the nickname in UTF-8.
File: JSON; its "checksum" is "crc32:" and the CRC-32 of the rest as JSON.stringify writes it.
"""

from __future__ import annotations

import json
import zlib

ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32M = 0x2BC830A3
PHASES = ("before", "after")


def _polymod(values: list[int]) -> int:
    generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            check ^= generator[i] if (top >> i) & 1 else 0
    return check


def _expand(prefix: str) -> list[int]:
    return [ord(c) >> 5 for c in prefix] + [0] + [ord(c) & 31 for c in prefix]


def bech32m(prefix: str, data: bytes) -> str:
    bits = "".join(f"{byte:08b}" for byte in data)
    bits += "0" * (-len(bits) % 5)
    values = [int(bits[i:i + 5], 2) for i in range(0, len(bits), 5)]
    check = _polymod(_expand(prefix) + values + [0] * 6) ^ BECH32M
    values += [(check >> 5 * (5 - i)) & 31 for i in range(6)]
    return prefix + "1" + "".join(ALPHABET[v] for v in values)


def code(layout: dict, participant: str, nickname: str, results: dict, fingerprint: str | None = None) -> str:
    """results: {bank id: {phase: {question id: value}}}; a score is quantised to tenths as the code carries it."""
    bits = f"{1:08b}{int(fingerprint or layout['fingerprint'], 16):024b}{int(participant, 16):032b}"
    for bank in layout["banks"]:
        for phase in PHASES:
            values = results.get(bank["id"], {}).get(phase)
            bits += "1" if values is not None else "0"
            for q in bank["questions"] if values is not None else []:
                value = values.get(q["id"])
                if bank["questionnaire"]:
                    bits += f"{value or 0:03b}"
                else:
                    bits += f"{15 if value is None else round(value * 10):04b}"
    bits += "0" * (-len(bits) % 8)
    data = bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)) + nickname.encode("utf-8")
    return bech32m("hr", data)


def quantised(results: dict, layout: dict) -> dict:
    """What a code keeps of the results: scores in tenths."""
    kinds = {bank["id"]: bank["questionnaire"] for bank in layout["banks"]}
    return {bank: {phase: {q: v if kinds[bank] else round(v * 10) / 10 for q, v in values.items()}
                   for phase, values in phases.items()} for bank, phases in results.items()}


def results_file(layout: dict, participant: str, nickname: str, results: dict, layout_id: str | None = None) -> dict:
    """A results file as the runtime writes it. A statement's answer is the list of the chosen points, as strings."""
    kinds = {bank["id"]: bank["questionnaire"] for bank in layout["banks"]}
    content = {}
    for bank, phases in results.items():
        content[bank] = {}
        for phase, values in phases.items():
            if kinds[bank]:
                questions = {q: {"answer": [str(v)]} for q, v in values.items()}
                content[bank][phase] = {"date": "2026-12-01", "questions": questions}
            else:
                questions = {q: {"answer": [], "score": v} for q, v in values.items()}
                percent = round(100 * sum(values.values()) / len(values))
                content[bank][phase] = {"date": "2026-12-01", "questions": questions, "percent": percent}
    file = {"format": "hr-quiz-results", "version": 1, "layout": layout_id or layout["fingerprint"],
            "participant": participant, "nickname": nickname or None, "made": "2026-12-01", "results": content}
    file["checksum"] = f"crc32:{zlib.crc32(stringify(file).encode('utf-8')):08x}"
    return file


def stringify(value) -> str:
    """JSON as JavaScript's JSON.stringify writes it (no spaces; 1, not 1.0)."""
    def plain(v):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v
    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"))
