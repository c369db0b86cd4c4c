"""The benchmark helpers that shape what is measured (bench/common.py): the multiplied copy of the real site, and
the peak-memory and page counts the benchmarks print. The strict builds themselves run in `make bench`."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

from quiz_plugin import safe_yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import common  # noqa: E402
import search_quality  # noqa: E402


def nav_paths(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    items = nav if isinstance(nav, list) else list(nav.values())
    return [path for item in items for path in nav_paths(item)]


def test_site_copy_times_three_has_every_copy_in_every_language_with_its_own_banks(tmp_path):
    config_file = common.real_site_copy(tmp_path, factor=3)
    docs = tmp_path / "docs"
    originals = sorted(p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md"))
    config = json.loads(config_file.read_text(encoding="utf-8"))
    listed = nav_paths(config["nav"])
    for k in (2, 3):
        for rel in originals:
            copy = rel[:-3] + f"-x{k}.md"
            assert copy in listed, f"{copy} missing from the nav"
            for lang in ("en", "ka", "ru"):
                text = (docs / lang / copy).read_text(encoding="utf-8")
                for bank_id in re.findall(r"<!--\s*quiz:\s*([^\s>]+)(?:\s+(?:before|after))?\s*-->", text):
                    assert bank_id.endswith(f"-x{k}")
                    bank = safe_yaml.load_file(docs / lang / "quizzes" / f"{bank_id}.yml")
                    assert bank["id"] == bank_id
    assert len(listed) == 3 * len(nav_paths(common.load_real_config()["nav"]))


def test_gzip_size_is_the_size_of_a_gzip_file_that_decompresses_to_the_input(tmp_path):
    data = (ROOT / "quiz_plugin" / "assets" / "quiz.js").read_bytes()
    size = common.gzip_size(data)
    packed = tmp_path / "quiz.js.gz"
    packed.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    assert size == packed.stat().st_size < len(data)
    assert subprocess.run(["gzip", "-dc", str(packed)], capture_output=True, check=True).stdout == data


def test_peak_memory_of_a_child_is_its_own_not_its_parents():
    ballast = b"x" * (200 * 1024 * 1024)  # written, so resident: 200 MB more than a fresh Python needs
    child = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import common; "
                            "print(common.peak_rss_mb())", str(ROOT / "bench")], capture_output=True, text=True, check=True)
    del ballast
    assert float(child.stdout) < 150


def test_built_pages_leaves_out_redirect_stubs_and_the_404_page(tmp_path):
    (tmp_path / "index.html").write_text("<html><h1>Home</h1></html>")
    (tmp_path / "ka").mkdir()
    (tmp_path / "ka" / "index.html").write_text("<html><h1>მთავარი</h1></html>")
    (tmp_path / "404.html").write_text("<html>Not found</html>")
    (tmp_path / "old.html").write_text('<meta http-equiv="refresh" content="0; url=index.html">')
    assert common.built_pages(tmp_path) == 2


def test_lighthouse_table_holds_the_repeat_target_to_the_visit_a_readers_browser_makes():
    """Ours: the repeat visit with its service worker carries the target; the same visit without one is shown
    beside it, unjudged. Stock has no service worker: its repeat visit is its HTTP cache's."""
    import lighthouse

    def row(site, page, first, repeat, saved=None, in_module=None):
        return lighthouse.Row(page, "ka", site, "http://x/", first_bytes=first, repeat_bytes=repeat,
                              repeat_saved_bytes=saved, repeat_in_module_bytes=in_module)

    lines = lighthouse.table([row("ours", "lesson", 92_800, 26_500, saved=2_000, in_module=17_900),
                              row("ours", "lesson", 100_400, 26_500, saved=15_000),
                              row("stock", "lesson", 101_800, 10_700)]).splitlines()
    cells = [re.split(r"\s{2,}", line) for line in lines[2:]]  # the last five: first, repeat, no SW x2, CPU
    assert cells[0][-5:-1] == ["92.8", "2.0", "26.5", "17.9"]
    assert cells[1][-5:-1] == ["100.4 ✗", "15.0 ✗", "26.5", "-"]
    assert cells[2][-5:-1] == ["101.8", "10.7", "10.7", "-"]


def test_the_search_evaluation_set_has_60_queries_per_language_about_pages_that_exist():
    queries = search_quality.load_queries()
    for lang, asked in queries.items():
        assert len(asked) >= 60, lang
        assert len({query for query, _ in asked}) == len(asked), f"a {lang} query is listed twice"
        for query, pages in asked:
            for page in pages:
                assert (ROOT / "docs" / lang / page.replace(".html", ".md")).is_file(), (lang, query, page)
    kinds = {search_quality.kind(query, lang) for lang, asked in queries.items() for query, _ in asked}
    assert {"word forms", "Latin-typed Georgian", "English layout", "capitals, ё"} <= kinds


def test_search_bench_examples():
    import doctest
    assert doctest.testmod(search_quality).failed == 0
