"""LinkChecker over the built site, in every language: internal links and #anchors must all resolve.

LinkChecker crawls the site as a reader's browser would, over HTTP on loopback, from the three home pages. Links
to other hosts are checked for syntax only (the network is closed, and the site must work without them); the test
prints them so that a person can check them by hand.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from conftest import Server, free_port
from sitebuilder import ROOT, build_site, make_site, page

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
CONFIG = Path(__file__).with_name("linkcheckerrc")
START_PATHS = ("", "ka/", "ru/")  # the three home pages; everything else must be reached by following links


@dataclass
class Report:
    rows: list[dict]

    def problems(self) -> list[str]:
        """Errors (broken links) and warnings (broken #anchors and anything else LinkChecker objects to)."""
        return [f"{row['url']} (linked from {row['parentname'] or 'the start'}, line {row['line']}): "
                f"{row['result']} {row['warningstring']}".strip()
                for row in self.rows if row["valid"] != "True" or row["warningstring"]]

    def pages_checked(self, site_url: str) -> set[str]:
        """Site paths of the pages fetched: 'ka/' -> 'ka/index.html'."""
        paths = set()
        for row in self.rows:
            url = row["url"].split("#", 1)[0]
            if url.startswith(site_url) and row["result"].startswith("200"):
                path = url[len(site_url):]
                paths.add(path + "index.html" if path == "" or path.endswith("/") else path)
        return paths

    def external_links(self, site_url: str) -> dict[str, set[str]]:
        """Links to other hosts (not fetched), with the page(s) where LinkChecker first met them."""
        host = urlsplit(site_url).netloc
        found: dict[str, set[str]] = {}
        for row in self.rows:
            url = row["url"] or row["urlname"]
            scheme = urlsplit(url).scheme
            if scheme == "data" or (scheme in ("http", "https") and urlsplit(url).netloc == host):
                continue
            found.setdefault(url, set()).add(row["parentname"].removeprefix(site_url) or "/")
        return found


def run_linkchecker(urls: list[str]) -> Report:
    """Crawl from the given URLs with tests/linkcheckerrc; one CSV row per URL checked (-v logs valid ones too)."""
    done = subprocess.run(
        [str(LINKCHECKER), "--config", str(CONFIG), "--verbose", "--no-status", "--output", "csv/utf-8", *urls],
        capture_output=True, timeout=600)
    text = done.stdout.decode("utf-8")
    # rc 0: nothing to report, 1: broken links or warnings; anything else is LinkChecker itself failing.
    assert done.returncode in (0, 1), f"linkchecker exited with {done.returncode}:\n{done.stderr.decode()}"
    lines = [line for line in io.StringIO(text) if not line.startswith("# ")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    assert rows, f"LinkChecker reported nothing:\n{text}\n{done.stderr.decode()}"
    return Report(rows)


def unreachable_by_design(site: Path) -> list[str]:
    """Built pages no link leads to: the 404 page, the redirect stubs left where pages used to be, and the pages
    the service worker shows offline (hooks/offline.py). LinkChecker starts from these too, so their links count."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if path.name == "404.html" or path.relative_to(site).parts[0] == "offline"
                  or 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000])


def test_every_link_and_anchor_resolves_in_every_language(real_site, capsys):
    server, site = real_site
    extra = unreachable_by_design(site)
    report = run_linkchecker([server.url + path for path in (*START_PATHS, *extra)])
    built = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    checked = report.pages_checked(server.url) & built
    external = report.external_links(server.url)
    with capsys.disabled():  # shown in every run, passing or not: the links a person has to check by hand
        print(f"\nLinkChecker: {len(report.rows)} URLs on {len(checked)} of {len(built)} pages; "
              f"{len(external)} links to other hosts not fetched (check them by hand):")
        for url, pages in sorted(external.items()):
            print(f"  {url}  (first seen on {', '.join(sorted(pages)[:3])})")

    assert not report.problems(), "LinkChecker found broken links or anchors:\n" + "\n".join(report.problems())
    assert checked == built, f"pages LinkChecker never reached: {sorted(built - checked)}"
    assert any("#" in row["url"] for row in report.rows), "no #anchor was checked: is AnchorCheck enabled?"


BROKEN = {
    "index.md": page("Home", "# Home {#home}\n\n[Guide](guide.md#steps)\n"),
    # MkDocs checks Markdown links, not raw HTML: exactly the kind of broken anchor only LinkChecker catches.
    "guide.md": page("Guide", '# Guide {#guide}\n\n## Steps {#steps}\n\n<a href="index.html#no-such-heading">Home</a>\n'),
}


def test_a_broken_anchor_fails_the_check(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = build_site(make_site(tmp_path, BROKEN, site_url=url))
    server = Server(site, port)
    try:
        report = run_linkchecker([url + path for path in START_PATHS])
    finally:
        server.close()
    broken = [problem for problem in report.problems() if "no-such-heading" in problem]
    # one per language, each naming the page that holds the link
    assert len(broken) == 3, report.problems()
    assert all("guide.html" in problem and "not found" in problem for problem in broken), broken
    assert not [problem for problem in report.problems() if "no-such-heading" not in problem], report.problems()
    assert {"index.html", "guide.html", "ka/guide.html", "ru/guide.html"} <= report.pages_checked(url)
