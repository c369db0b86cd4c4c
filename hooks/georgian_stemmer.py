"""A light, rule-based Georgian stemmer: the Python twin of lunr.ka.stem in hooks/assets/lunr.ka.js.

Neither Snowball nor lunr-languages has Georgian, and Georgian words change their ending with every case and
postposition ("ნალოქსონი", "ნალოქსონით", "ნალოქსონზე", "ნალოქსონისთვის"), so search for one form missed the
others. This stemmer removes those endings; it does not try to analyse verbs.

- The rules, exceptions and stop words are data: data/georgian_stemmer.yml, read here by `load_rules()`, which names
  the file and line of a mistake. hooks/search_assets.py publishes the same table inside lunr.ka.min.js, the lunr
  language that Material's search worker loads for the Georgian index; there the JavaScript twin stems every word of
  the index as the worker builds it, and every word the reader types.
- The two implementations are kept in step by one set of test vectors, tests/vectors/georgian_stems.tsv (as Snowball
  ships voc.txt and output.txt for every port): tests/test_search_georgian.py runs both against it, and both over
  every Georgian word of the site.
- At build time the hook loads the table through this module, so a broken table fails the build with its place.

Run alone to see how words are stemmed: `.venv/bin/python hooks/georgian_stemmer.py ნალოქსონით მიმართვისთვის`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from quiz_plugin import safe_yaml  # the project's one YAML loader

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "georgian_stemmer.yml"
GEORGIAN = re.compile(r"^[\u10d0-\u10ff]+$")  # Mkhedruli, the letters of everyday Georgian


class RulesError(ValueError):
    """A mistake in the rules file; the message names the file and line."""


@dataclass(frozen=True)
class Suffix:
    suffix: str
    after: str | None = None  # what the stem must end in: "vowel", "consonant", some Georgian letters, or anything


@dataclass(frozen=True)
class Rules:
    min_stem: int
    vowels: str
    particles: tuple[Suffix, ...]
    endings: tuple[Suffix, ...]
    plural: str
    words: dict[str, str]
    stems: dict[str, str]
    stop_words: tuple[str, ...]

    def as_json(self) -> dict:
        """The table as lunr.ka.js reads it."""
        def suffixes(items):
            return [{"suffix": s.suffix, "after": s.after} for s in items]
        return {"min_stem": self.min_stem, "vowels": self.vowels, "particles": suffixes(self.particles),
                "endings": suffixes(self.endings), "plural": self.plural, "words": self.words,
                "stems": self.stems, "stop_words": list(self.stop_words)}


# --- Loading ------------------------------------------------------------------------------------------------------

def read_yaml(path: Path) -> tuple:
    """The rules file's data and its YAML nodes (for line numbers), through the project's safe loader."""
    return safe_yaml.load_with_nodes(safe_yaml.read_text(path, str(path)), str(path))


def _lines(root) -> dict:
    """The line of each top-level key, list item and mapping key: {("endings", 3): 52, ("stems", "ოფიცრ"): 80}."""
    lines: dict = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            lines[(key.value,)] = key.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    lines[(key.value, index)] = item.start_mark.line + 1
            elif isinstance(value, yaml.MappingNode):
                for inner, _ in value.value:
                    lines[(key.value, inner.value)] = inner.start_mark.line + 1
    return lines


def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read and check the rules file; any mistake raises RulesError naming the file and line."""
    try:
        data, root = read_yaml(path)
    except safe_yaml.YamlError as error:
        raise RulesError(f"Error reading the Georgian stemmer rules: {error}") from None
    lines = _lines(root)

    def fail(place: tuple, message: str):
        raise RulesError(f"{path}:{lines.get(place, lines.get(place[:1], 1))}: {message}")

    if not isinstance(data, dict):
        fail((), "expected a mapping with min_stem, vowels, particles, endings, plural, words, stems, stop_words")
    for key in ("min_stem", "vowels", "particles", "endings", "plural", "words", "stems", "stop_words"):
        if key not in data:
            fail((), f"missing '{key}'")

    def georgian(value, place: tuple) -> str:
        if not isinstance(value, str) or not GEORGIAN.match(value):
            fail(place, f"{place[0]}: '{value}' is not a word in Georgian letters")
        return value

    def suffixes(key: str) -> tuple[Suffix, ...]:
        if not isinstance(data[key], list):
            fail((key,), f"'{key}' must be a list of {{suffix: ..., after: vowel|consonant}}")
        found = []
        for index, item in enumerate(data[key]):
            place = (key, index)
            if not isinstance(item, dict) or set(item) - {"suffix", "after"} or "suffix" not in item:
                fail(place, f"{key}: expected {{suffix: ..., after: vowel|consonant}}, got {item!r}")
            after = item.get("after")
            if after not in (None, "vowel", "consonant") and not (isinstance(after, str) and GEORGIAN.match(after)):
                fail(place, f"{key}: 'after' must be vowel, consonant or Georgian letters, not {after!r}")
            found.append(Suffix(georgian(item["suffix"], place), after))
        return tuple(found)

    def mapping(key: str) -> dict[str, str]:
        value = data[key] or {}
        if not isinstance(value, dict):
            fail((key,), f"'{key}' must map a word to its stem")
        return {georgian(word, (key, word)): georgian(stem, (key, word)) for word, stem in value.items()}

    if not isinstance(data["min_stem"], int) or data["min_stem"] < 1:
        fail(("min_stem",), "min_stem must be a whole number of letters, 1 or more")
    if not isinstance(data["stop_words"], list):
        fail(("stop_words",), "stop_words must be a list of words")
    return Rules(min_stem=data["min_stem"], vowels=georgian(data["vowels"], ("vowels",)),
                 particles=suffixes("particles"), endings=suffixes("endings"),
                 plural=georgian(data["plural"], ("plural",)), words=mapping("words"), stems=mapping("stems"),
                 stop_words=tuple(georgian(word, ("stop_words", index)) for index, word in enumerate(data["stop_words"])))


# --- Stemming -----------------------------------------------------------------------------------------------------

def fold(word: str) -> str:
    """Lower case; Mtavruli capitals (ᲜᲐᲚᲝᲥᲡᲝᲜᲘ) become the everyday letters.

    >>> fold("ᲜᲐᲚᲝᲥᲡᲝᲜᲘ")
    'ნალოქსონი'
    """
    return word.lower()


def _fits(stem: str, suffix: Suffix, rules: Rules) -> bool:
    if len(stem) < rules.min_stem:
        return False
    if suffix.after in ("vowel", "consonant"):
        return (stem[-1] in rules.vowels) == (suffix.after == "vowel")
    return suffix.after is None or stem[-1] in suffix.after


def _strip_one(word: str, suffixes: tuple[Suffix, ...], rules: Rules) -> str:
    """Remove the longest suffix that fits, if any."""
    best = None
    for suffix in suffixes:
        if word.endswith(suffix.suffix) and (best is None or len(suffix.suffix) > len(best)):
            if _fits(word[:-len(suffix.suffix)], suffix, rules):
                best = suffix.suffix
    return word[:-len(best)] if best else word


def _strip_vowels(word: str, rules: Rules) -> str:
    while len(word) > rules.min_stem and word[-1] in rules.vowels:
        word = word[:-1]
    return word


def stem(word: str, rules: Rules) -> str:
    """The stem of one word; words not in Georgian letters come back folded only.

    >>> rules = load_rules()
    >>> [stem(w, rules) for w in ("ნალოქსონით", "ნალოქსონზე", "მიმართვისთვის", "თანხმობას", "ოფიცრებთან")]
    ['ნალოქსონ', 'ნალოქსონ', 'მიმართვ', 'თანხმობ', 'ოფიცერ']
    """
    word = fold(word)
    if not GEORGIAN.match(word):
        return word
    if word in rules.words:
        return rules.words[word]
    word = _strip_one(word, rules.particles, rules)
    word = _strip_one(word, rules.endings, rules)
    word = _strip_vowels(word, rules)
    plural = rules.plural
    stripped = False
    while word.endswith(plural) and len(word) - len(plural) >= rules.min_stem:
        word, stripped = word[:-len(plural)], True
    if stripped:
        word = _strip_vowels(word, rules)
    return rules.stems.get(word, word)


if __name__ == "__main__":
    loaded = load_rules()
    for argument in sys.argv[1:]:
        print(f"{argument}\t{stem(argument, loaded)}")
