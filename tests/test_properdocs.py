"""The site survives the MkDocs split: the real site, built with `properdocs build --strict` (ProperDocs, the
maintained fork of MkDocs 1.x), is the same site as MkDocs builds, page by page: the same pages, the same text, the
same heading ids and links, the same quiz data. Any difference is named: the page and what differs in it.

The MkDocs build is the session's real site (tests/conftest.py); ProperDocs builds the same mkdocs.yml from the
command line, as a maintainer would after a move, for the same address."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PROPERDOCS = ROOT / ".venv" / "bin" / "properdocs"
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
SKIPPED = ("download/",)  # the offline copy's zip: made by a second build, as `make build` does, not by the core
# Files that carry content hashes of the pages (offline manifests, the service worker) or the build's date
# (sitemaps): compared with those written as placeholders. The pages themselves are compared in full.
HASH = re.compile(r"\b[0-9a-f]{8,64}\b")
LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


@pytest.fixture(scope="module")
def both_builds(real_site, tmp_path_factory):
    server, mkdocs_site = real_site
    properdocs_site = tmp_path_factory.mktemp("properdocs") / "site"
    env = {**os.environ, "SITE_URL": server.url, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("OFFLINE_COPY", None)
    done = subprocess.run([str(PROPERDOCS), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(properdocs_site)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return mkdocs_site, properdocs_site


def published_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
            and not p.relative_to(site).as_posix().startswith(SKIPPED)}


def what_a_reader_gets(html: str) -> dict:
    """A page as a reader meets it: title, text, the ids others link to, its links, and every quiz's data."""
    soup = BeautifulSoup(html, "html.parser")
    islands = {f"{div['class'][0]} {i}": json.loads(div.get_text())
               for i, div in enumerate(soup.select(".quiz__data, .quiz-strings"))}
    for hidden in soup.select("script, style, .quiz__data, .quiz-strings"):
        hidden.decompose()
    return {"title": soup.title.get_text() if soup.title else None,
            "text": " ".join(soup.get_text(" ").split()),
            "ids": [tag["id"] for tag in soup.select("[id]")],
            "links": [tag.get("href") or tag.get("src") for tag in soup.select("[href], [src]")],
            "quiz data": islands}


def first_difference(a, b) -> str:
    """Where two values part, shown briefly."""
    if isinstance(a, dict) and isinstance(b, dict):
        a, b = json.dumps(a, ensure_ascii=False, sort_keys=True), json.dumps(b, ensure_ascii=False, sort_keys=True)
    if isinstance(a, str) and isinstance(b, str):
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"MkDocs …{a[max(0, at - 40):at + 60]!r}… / ProperDocs …{b[max(0, at - 40):at + 60]!r}…"
    if isinstance(a, list) and isinstance(b, list):
        extra = [x for x in b if x not in a][:3]
        missing = [x for x in a if x not in b][:3]
        return f"only with MkDocs {missing}, only with ProperDocs {extra}" if extra or missing else "another order"
    return f"MkDocs {str(a)[:200]} / ProperDocs {str(b)[:200]}"


def comparable(path: str, data: bytes) -> bytes:
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    if path.endswith((".html", ".html.gz")):
        return GENERATOR.sub("", data.decode("utf-8")).encode()
    if path == "sw.js" or path.startswith("offline/") or "sitemap.xml" in path:
        return HASH.sub("#", LASTMOD.sub("", data.decode("utf-8"))).encode()
    return data


def test_properdocs_builds_the_same_pages_with_the_same_text_links_and_quiz_data(both_builds):
    mkdocs_site, properdocs_site = both_builds
    mkdocs_files, properdocs_files = published_files(mkdocs_site), published_files(properdocs_site)
    assert mkdocs_files == properdocs_files, (f"only with MkDocs: {sorted(mkdocs_files - properdocs_files)[:10]}; "
                                              f"only with ProperDocs: {sorted(properdocs_files - mkdocs_files)[:10]}")
    pages = sorted(p for p in mkdocs_files if p.endswith(".html"))
    assert len(pages) > 80 and any("quiz__data" in (mkdocs_site / p).read_text(encoding="utf-8") for p in pages)
    differences = []
    for page in pages:
        ours = (mkdocs_site / page).read_text(encoding="utf-8")
        theirs = (properdocs_site / page).read_text(encoding="utf-8")
        if GENERATOR.search(ours):  # redirect pages (mkdocs-redirects) have none
            assert "ProperDocs" in GENERATOR.search(theirs)[0] and "ProperDocs" not in GENERATOR.search(ours)[0], page
        read_ours, read_theirs = what_a_reader_gets(ours), what_a_reader_gets(theirs)
        differences += [f"{page}: {part} differs: {first_difference(read_ours[part], read_theirs[part])}"
                        for part in read_ours if read_ours[part] != read_theirs[part]]
    assert not differences, "\n".join(differences[:20])


def test_properdocs_output_is_byte_for_byte_mkdocs_output_but_for_the_generator_it_names(both_builds):
    """Beyond what a reader sees: markup, scripts, search indexes, assets. Pages differ only in their generator
    <meta>, and so the offline manifests and the service worker only in the hashes of the pages."""
    mkdocs_site, properdocs_site = both_builds
    differing = [path for path in sorted(published_files(mkdocs_site))
                 if comparable(path, (mkdocs_site / path).read_bytes())
                 != comparable(path, (properdocs_site / path).read_bytes())]
    assert not differing, f"{len(differing)} files differ, first: {differing[:10]}"
