"""Lighthouse scores and bytes transferred: our site against a stock Material site with the same text.

Run it alone with `.venv/bin/python bench/lighthouse.py`: 24 pages x 3 Lighthouse runs take 20-45 minutes on two
cores (`--runs 1`, `--lang en`, `--page lesson` make it shorter; `--runs 0` measures bytes only, in about 5 minutes).
It prints one table and keeps nothing unless `--reports DIR` asks for the Lighthouse JSON reports.

What it does:
1. builds the real site (`mkdocs build --strict`) and, for each language, a stock Material site (default theme
   settings, search plugin, default fonts) holding the same four pages' Markdown;
2. serves each from loopback as GitHub Pages would: gzip, ETags, long caching for content-hashed file names;
3. runs Lighthouse 12 (npm, pinned in bench/lighthouse/) with Debian's Chromium, mobile emulation, simulated
   throttling, on the home page, a lesson with its quiz, a case study and a referral page in every language;
4. counts the bytes the server sends (headers and gzipped bodies) for a cold visit to each page, and for a visit to
   it right after another page of the same language in the same browser (the repeat visit), driven by Playwright;
   once per language, what our service worker downloads in the background to save the language for offline use;
   and the repeat visits once it has.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import json
import mimetypes
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
CHROMIUM = "/usr/bin/chromium"
# The network here is closed: without the background-networking flags Chromium hangs on refused connections.
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LANGS = ("en", "ka", "ru")
# Short name -> page path inside a language folder (English at the site root), as built with use_directory_urls: false.
PAGES = {
    "home": "index.md",
    "lesson": "training/lesson-3.md",
    "case": "cases/lead-seattle.md",
    "referral": "referral/pathway.md",
}
# An officer working through the module reaches a lesson from the one before it: the quiz runtime is cached by then.
PREVIOUS_LESSON = "training/lesson-2.md"
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100,
           "first_kb_lesson": 100, "repeat_kb": 15}
KB = 1000  # bytes: the targets are read as decimal kilobytes, the stricter reading
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


# --- Serving like GitHub Pages ---------------------------------------------------------------------------------

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# A file name (or query string) carrying a content hash: main.57a0d79d.min.css, quiz.3440eb8eb1.js, site.css?v=1a2b3c4d.
HASHED = re.compile(r"\.[0-9a-f]{8,}\.[\w.]+$|[?&]\w+=[0-9a-f]{8,}$")


def cache_control(url_path: str) -> str:
    """Content-hashed URLs never change, so a browser may keep them a year; anything else is revalidated (ETag → 304).

    >>> cache_control("/assets/quiz/quiz.3440eb8eb1.js"), cache_control("/training/lesson-3.html")
    ('max-age=31536000, immutable', 'no-cache')
    """
    return "max-age=31536000, immutable" if HASHED.search(url_path) else "no-cache"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PagesServer:
    """Serves a folder on loopback with gzip, ETags and Cache-Control, and counts every byte it sends."""

    def __init__(self, folder: Path, port: int | None = None):
        self.folder = folder.resolve()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.sent = 0
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._bodies: dict[tuple[Path, bool], tuple[bytes, str]] = {}
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port),
                                                     functools.partial(PagesHandler, site=self))
        self.httpd.daemon_threads = True

    def start(self) -> PagesServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def count(self, nbytes: int, line: str = "") -> None:
        with self._lock:
            self.sent += nbytes
            if line:
                self.requests.append(line)

    def reset(self) -> None:
        with self._lock:
            self.sent, self.requests = 0, []

    def settled(self, quiet: float = 1.5, timeout: float = 20.0) -> int:
        """Bytes sent since reset(), once nothing more has been sent for `quiet` seconds (late worker fetches)."""
        deadline, last, since = time.monotonic() + timeout, -1, time.monotonic()
        while time.monotonic() < deadline:
            if self.sent != last:
                last, since = self.sent, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
            time.sleep(0.1)
        return self.sent

    def body(self, file: Path, gzipped: bool) -> tuple[bytes, str]:
        """The file's bytes (gzipped when asked) and its ETag, cached: the site does not change while served."""
        key = (file, gzipped)
        if key not in self._bodies:
            raw = file.read_bytes()
            etag = '"' + hashlib.sha1(raw).hexdigest()[:16] + ('-gz"' if gzipped else '"')
            self._bodies[key] = (gzip.compress(raw, 6, mtime=0) if gzipped else raw, etag)
        return self._bodies[key]

    def resolve(self, url_path: str) -> Path | None:
        path = (self.folder / urllib.parse.unquote(url_path).lstrip("/")).resolve()
        if path.is_dir():
            path = path / "index.html"
        if self.folder in path.parents and path.is_file():
            return path
        return None


class PagesHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host

    def __init__(self, *args, site: PagesServer, **kwargs):
        self.site = site
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.site.count(sum(len(chunk) for chunk in self._headers_buffer))
        super().end_headers()

    def do_GET(self):
        url_path = urllib.parse.urlsplit(self.path).path
        file, status = self.site.resolve(url_path), 200
        if file is None:
            file, status = self.site.folder / "404.html", 404
        ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        gzipped = ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        data, etag = self.site.body(file, gzipped) if file.is_file() else (b"Not found", '"none"')
        if status == 200 and self.headers.get("If-None-Match") == etag:
            status, data = 304, b""
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(data)))
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", cache_control(self.path))
        self.end_headers()
        self.wfile.write(data)
        self.site.count(len(data), f"{status} {len(data):>7} {self.path}")


# --- The two sites ---------------------------------------------------------------------------------------------

def page_url(base: str, md_path: str, directory_urls: bool) -> str:
    """URL of a page as MkDocs writes it, from the URL of its language's root.

    >>> page_url("http://h/ka/", "training/lesson-3.md", False), page_url("http://h/", "index.md", True)
    ('http://h/ka/training/lesson-3.html', 'http://h/')
    >>> page_url("http://h/ru/", "cases/lead-seattle.md", True)
    'http://h/ru/cases/lead-seattle/'
    """
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return base + stem.removesuffix("index")
    return base + stem + ("/" if directory_urls else ".html")


def build_ours(out: Path, site_url: str) -> None:
    subprocess.run([str(MKDOCS), "build", "--strict", "--quiet", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                   cwd=ROOT, env={**ENV, "SITE_URL": site_url}, check=True)


# Stock Material: no theme settings beyond the language, so default fonts (Google's Roboto), features and palette.
# The Markdown extensions are ours, minus snippets: without them the same text would not render the same
# (explicit heading ids, admonitions, tables). Our quiz markers are dropped: a stock site has no quiz plugin.
STOCK_CONFIG = """\
site_name: {site_name}
site_url: {site_url}
theme:
  name: material
  language: {lang}
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
  - md_in_html
  - def_list
  - footnotes
  - tables
  - abbr
  - admonition
  - pymdownx.details
  - pymdownx.superfences
"""
SITE_NAMES = {"en": "Police and harm reduction", "ka": "პოლიცია და ზიანის შემცირება",
              "ru": "Полиция и снижение вреда"}
OUR_ONLY = re.compile(r"^\s*(<!--\s*quiz:.*-->|-{1,2}8<-{1,2}.*)\s*$", re.MULTILINE)


def build_stock(out: Path, work: Path, site_url: str, langs: tuple[str, ...]) -> None:
    """One stock site per language, in out/<lang>/, each with the four pages' Markdown."""
    for lang in langs:
        docs = work / lang / "docs"
        for md_path in PAGES.values():
            target = docs / md_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(OUR_ONLY.sub("", (ROOT / "docs" / lang / md_path).read_text(encoding="utf-8")),
                              encoding="utf-8")
        config = work / lang / "mkdocs.yml"
        config.write_text(STOCK_CONFIG.format(site_name=SITE_NAMES[lang], site_url=f"{site_url}{lang}/", lang=lang),
                          encoding="utf-8")
        # Not strict: the copied pages link to pages the small stock site does not have.
        subprocess.run([str(MKDOCS), "build", "--quiet", "-f", str(config), "-d", str(out / lang)],
                       cwd=work / lang, env=ENV, check=True, stderr=subprocess.DEVNULL)


# --- Measurements ----------------------------------------------------------------------------------------------

@dataclass
class Row:
    page: str
    lang: str
    site: str  # "ours" or "stock"
    url: str
    scores: dict[str, float] = field(default_factory=dict)
    lcp_ms: float | None = None
    tbt_ms: float | None = None
    first_bytes: int | None = None
    repeat_bytes: int | None = None
    repeat_in_module_bytes: int | None = None  # lessons only: right after the previous lesson
    repeat_saved_bytes: int | None = None  # ours only: after the service worker has saved the language
    failing: list[str] = field(default_factory=list)
    benchmark: list[float] = field(default_factory=list)  # Lighthouse's CPU benchmark index, one per run
    cpu_index: float | None = None  # the same, for the run shown


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE_BIN.exists():
        print("Installing Lighthouse (npm ci in bench/lighthouse) ...", file=sys.stderr)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)


def run_lighthouse(url: str, report: Path) -> dict:
    command = [str(LIGHTHOUSE_BIN), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
               "--chrome-flags=" + " ".join(["--headless=new", *CHROME_FLAGS])]
    subprocess.run(command, env={**ENV, "CHROME_PATH": CHROMIUM}, check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(report: dict) -> list[str]:
    """What cost points: performance metrics below full marks, and failed audits of the other categories.

    The performance score is made of its metrics only; its other audits are advice and are left out here.
    """
    failing = []
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] == 0 or audit["score"] is None or audit["score"] >= 1:
                continue
            value = f", {audit['displayValue']}".replace("\xa0", " ") if audit.get("displayValue") else ""
            failing.append(f"{name}: {ref['id']} (score {audit['score']:.2f}{value})")
    return failing


def median_run(reports: list[dict]) -> dict:
    """The run with the median performance score: Lighthouse's own advice for noisy machines is the median of runs."""
    ordered = sorted(reports, key=lambda r: (r["categories"]["performance"]["score"],
                                             -r["audits"]["total-blocking-time"]["numericValue"]))
    return ordered[len(ordered) // 2]


def apply_lighthouse(row: Row, reports: list[dict]) -> None:
    report = median_run(reports)
    row.scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    row.lcp_ms = report["audits"]["largest-contentful-paint"]["numericValue"]
    row.tbt_ms = report["audits"]["total-blocking-time"]["numericValue"]
    row.benchmark = [r["environment"]["benchmarkIndex"] for r in reports]
    row.cpu_index = report["environment"]["benchmarkIndex"]
    row.failing = failing_audits(report)


PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def load_and_count(context, server: PagesServer, url: str, quiet: float = 1.5, timeout: float = 20.0) -> int:
    page = context.pages[0] if context.pages else context.new_page()
    server.reset()
    page.goto(url, wait_until="networkidle")
    return server.settled(quiet, timeout)


def measure_bytes(browser, server: PagesServer, row: Row, before: str, previous_lesson: str | None) -> None:
    """First visit: a fresh browser profile. Repeat visit: `before` (another page) first, then this page; for a
    lesson, also `previous_lesson` first, then this page.

    Service workers are blocked here, so the figures are the page's own cost; what our service worker then
    downloads in the background to save the language for offline use is measured apart (measure_offline_save).
    """
    context = browser.new_context(**PHONE, service_workers="block")
    row.first_bytes = load_and_count(context, server, row.url)
    context.close()
    context = browser.new_context(**PHONE, service_workers="block")
    load_and_count(context, server, before)
    row.repeat_bytes = load_and_count(context, server, row.url)
    context.close()
    if previous_lesson:
        context = browser.new_context(**PHONE, service_workers="block")
        load_and_count(context, server, previous_lesson)
        row.repeat_in_module_bytes = load_and_count(context, server, row.url)
        context.close()


def measure_saved_repeats(browser, server: PagesServer, home: str, rows: list[Row]) -> None:
    """Repeat visits once the service worker has saved the language (a reader whose phone is not in data-saver mode):
    the home page first, until the saving is done, then each page in turn, each right after another."""
    context = browser.new_context(**PHONE)
    load_and_count(context, server, home, quiet=4.0, timeout=240.0)
    for row in sorted(rows, key=lambda r: r.url == home):  # the home page last, after another page
        row.repeat_saved_bytes = load_and_count(context, server, row.url)
    context.close()


def measure_offline_save(browser, server: PagesServer, url: str) -> int:
    """Bytes a first visit costs with the service worker on, minus the page's own: the language saved for offline."""
    context = browser.new_context(**PHONE, service_workers="block")
    page_only = load_and_count(context, server, url)
    context.close()
    context = browser.new_context(**PHONE)
    with_worker = load_and_count(context, server, url, quiet=4.0, timeout=240.0)
    context.close()
    return with_worker - page_only


# --- Report ----------------------------------------------------------------------------------------------------

def mark(value: float | None, ok: bool, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}" + ("" if ok else " ✗")


def kilobytes(nbytes: int | None) -> float | None:
    return nbytes / KB if nbytes is not None else None


def table(rows: list[Row]) -> str:
    head = ["page", "lang", "site", "perf", "a11y", "best-pr", "SEO", "LCP ms", "TBT ms", "first KB", "repeat KB",
            "no SW: repeat KB", "no SW: after lesson 2 KB", "CPU idx"]
    lines = [head]
    for row in rows:
        ours = row.site == "ours"
        score = {name: mark(row.scores.get(name), not ours or row.scores.get(name, 0) >= TARGETS[name])
                 for name in CATEGORIES}
        first = kilobytes(row.first_bytes)
        first_ok = not ours or row.page != "lesson" or first is not None and first <= TARGETS["first_kb_lesson"]
        # The repeat visit as the reader's browser makes it: ours with its service worker, stock has none.
        repeat = kilobytes(row.repeat_saved_bytes if ours else row.repeat_bytes)
        repeat_ok = not ours or repeat is not None and repeat < TARGETS["repeat_kb"]
        lines.append([row.page, row.lang, row.site, *score.values(), mark(row.lcp_ms, True), mark(row.tbt_ms, True),
                      mark(first, first_ok, 1), mark(repeat, repeat_ok, 1),
                      mark(kilobytes(row.repeat_bytes), True, 1), mark(kilobytes(row.repeat_in_module_bytes), True, 1),
                      mark(row.cpu_index, True)])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(out)


def notes(runs: int, slowest: float, fastest: float) -> str:
    return "\n".join([
        f"Targets for our pages (✗ marks a miss): performance >= {TARGETS['performance']}, accessibility, best "
        f"practices and SEO = 100; lesson first visit <= {TARGETS['first_kb_lesson']} KB; repeat visit "
        f"< {TARGETS['repeat_kb']} KB. KB = {KB} bytes.",
        "Lighthouse not run (--runs 0)." if not runs else
        "Lighthouse 12.8.2, Debian Chromium, mobile emulation, simulated throttling (Lighthouse's default slow 4G, "
        f"4x CPU slowdown), median of {runs} run(s) by performance score. Performance and TBT depend on the machine: "
        f"Lighthouse's CPU benchmark index here ranged {slowest:.0f}-{fastest:.0f} (a quiet desktop scores about "
        "1500-2500; below about 1000, simulated TBT grows several-fold).",
        "Bytes: everything the server sent (status lines, headers, gzipped bodies) for the page and what it fetched, "
        "counted at a loopback server that behaves like GitHub Pages: gzip for text, ETag revalidation (304), "
        "'Cache-Control: max-age=31536000, immutable' for content-hashed file names and 'no-cache' for the rest "
        "(GitHub Pages itself sends max-age=600 for everything, which would make repeat visits cheaper still). "
        "First visit: a fresh browser profile, service workers blocked (what ours then saves in the background for "
        "offline use is printed below, apart).",
        "Repeat visit: the same browser right after another page of the same language (the home page; for the home "
        "page, the lesson), as a reader's browser makes it: ours with its service worker, once it has saved the "
        "language (pages are still asked of the network first; an unchanged page comes back as a 304). Stock has no "
        "service worker.",
        "No SW: the same repeat visits with service workers blocked, as a reader meets them with the phone's data "
        "saver on (ours then saves nothing until asked) or before the first save has finished: the page's own cost, "
        "shared files coming from the HTTP cache. For the lesson, also right after the previous lesson (lesson 2), as "
        "an officer taking the module in order arrives: the quiz runtime is cached by then.",
        "Stock: Material 9.8.1 with default theme settings, the search plugin and the same Markdown (quiz markers "
        "dropped, so no quiz). It asks Google Fonts for Roboto; on this closed network those requests fail at once "
        "(no DNS), so stock bytes leave out the fonts a reader online would download and stock pages fall back to "
        "system fonts.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=LANGS, help="only this language (repeatable)")
    parser.add_argument("--page", action="append", choices=list(PAGES), help="only this page (repeatable)")
    parser.add_argument("--no-stock", action="store_true", help="measure our site only")
    parser.add_argument("--runs", type=int, default=3,
                        help="Lighthouse runs per page, the median shown (3); 0 measures bytes only")
    parser.add_argument("--reports", type=Path, help="keep the Lighthouse JSON reports in this folder")
    args = parser.parse_args(argv)
    langs, pages = tuple(args.lang or LANGS), args.page or list(PAGES)

    ensure_lighthouse()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        tmp = Path(tmp)
        reports = args.reports or tmp / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        ours = PagesServer(tmp / "ours")
        build_ours(tmp / "ours", ours.url)
        servers = {"ours": ours.start()}
        if not args.no_stock:
            stock = PagesServer(tmp / "stock")
            build_stock(tmp / "stock", tmp / "stock-src", stock.url, langs)
            servers["stock"] = stock.start()

        rows = []
        for page in pages:
            for lang in langs:
                for site, server in servers.items():
                    # Ours: English at the root, use_directory_urls false. Stock: one site per language, defaults.
                    directory_urls = site == "stock"
                    base = server.url + ("" if site == "ours" and lang == "en" else f"{lang}/")
                    url = page_url(base, PAGES[page], directory_urls)
                    before = page_url(base, PAGES["lesson" if page == "home" else "home"], directory_urls)
                    previous = page_url(base, PREVIOUS_LESSON, directory_urls) if page == "lesson" and site == "ours" else None
                    rows.append((Row(page, lang, site, url), server, before, previous))

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
            for row, server, before, previous in rows:
                measure_bytes(browser, server, row, before, previous)
            for lang in langs:
                measure_saved_repeats(browser, ours, ours.url + ("" if lang == "en" else f"{lang}/"),
                                      [row for row, *_ in rows if row.site == "ours" and row.lang == lang])
            offline = {lang: measure_offline_save(browser, ours, ours.url + ("" if lang == "en" else f"{lang}/"))
                       for lang in langs}
            browser.close()
        for number, (row, *_) in enumerate(rows if args.runs else [], start=1):
            print(f"[{number}/{len(rows)}] Lighthouse x{args.runs} {row.url}", file=sys.stderr)
            apply_lighthouse(row, [run_lighthouse(row.url, reports / f"{row.site}-{row.lang}-{row.page}-{run}.json")
                                   for run in range(1, args.runs + 1)])
        for server in servers.values():
            server.close()

    rows = [row for row, *_ in rows]
    print(table(rows))
    print()
    benchmark = [index for row in rows for index in row.benchmark] or [0]
    print(notes(args.runs, min(benchmark), max(benchmark)))
    print("Our service worker, on a first visit, then saves the language for offline use in the background: "
          + ", ".join(f"{lang} {size / KB:.0f} KB" for lang, size in offline.items())
          + " (once per language; not in the first-visit column).")
    missed = [f"  {row.lang} {row.page}: {audit}" for row in rows if row.site == "ours" for audit in row.failing]
    if missed:
        print("\nAudits that cost our pages points:\n" + "\n".join(sorted(set(missed))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
