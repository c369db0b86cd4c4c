"""Search index a reader downloads, per language: ours (one index per language, hooks/i18n_site.py) against the
stock combined index of the same content (what Material's search plugin writes when the split is not applied).

The stock figure is not reconstructed: the real site is built once with a wrapper around hooks/i18n_site.py that
copies site/search/search_index.json, as the search plugin and mkdocs-static-i18n wrote it, just before the hook
replaces it with the per-language indexes. So both figures come from the same build of the same content.
Target (issue 7): each language's index smaller than the stock one, which every reader would download whole.

Run alone: `.venv/bin/python bench/search_index_size.py`.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, gzip_size, heading, kb, load_real_config, real_site_copy, table, timed_build  # noqa: E402

HOOK = "hooks/i18n_site.py"
STOCK_COPY = "stock_search_index.json"
# Every event of the real hook, unchanged; on_post_build first keeps the combined index the split would replace.
WRAPPER = '''\
"""Bench wrapper: {hook}, plus a copy of the stock combined search index before the hook splits it."""
import importlib.util
import shutil
from pathlib import Path

_spec = importlib.util.spec_from_file_location("i18n_site_under_bench", "{path}")
_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_hook)

for _name in dir(_hook):
    if _name.startswith("on_") and _name != "on_post_build":
        globals()[_name] = getattr(_hook, _name)


def on_post_build(config, **kwargs):
    if not config.plugins["i18n"].building:
        shutil.copyfile(Path(config.site_dir) / "search" / "search_index.json", Path(__file__).with_name("{copy}"))
    return _hook.on_post_build(config, **kwargs)


on_post_build.mkdocs_priority = _hook.on_post_build.mkdocs_priority
'''
LANGS = {"en": "search/search_index.json", "ka": "ka/search/search_index.json", "ru": "ru/search/search_index.json"}


def escapes(data: bytes) -> int:
    return data.count(b"\\u")


def build_with_stock_index(folder: Path) -> tuple[Path, bytes]:
    """Build the real site into folder/site; return it and the stock combined index the same build wrote."""
    hooks = [h if h != HOOK else "capture_search.py" for h in load_real_config()["hooks"]]
    if hooks == load_real_config()["hooks"]:
        raise SystemExit(f"mkdocs.yml no longer lists {HOOK}: update bench/search_index_size.py")
    (folder / "capture_search.py").write_text(
        WRAPPER.format(hook=HOOK, path=(ROOT / HOOK).as_posix(), copy=STOCK_COPY), encoding="utf-8")
    config = real_site_copy(folder, 1, hooks=hooks)
    timed_build(config, site_dir=folder / "site")
    return folder / "site", (folder / STOCK_COPY).read_bytes()


def main() -> None:
    heading("Search index per language: this site's split index against the stock combined index (gzip -9)")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        site, stock = build_with_stock_index(Path(tmp))
        ours = {lang: (site / rel).read_bytes() for lang, rel in LANGS.items()}

    stock_docs = len(json.loads(stock)["docs"])
    our_docs = {lang: len(json.loads(data)["docs"]) for lang, data in ours.items()}
    if sum(our_docs.values()) != stock_docs:
        print(f"WARNING: the split indexes hold {sum(our_docs.values())} entries, the stock one {stock_docs}")
    stock_gz = gzip_size(stock)
    rows = [[f"stock, every language ({stock_docs} entries)", len(stock), kb(len(stock)), kb(stock_gz), "1.00",
             escapes(stock)]]
    for lang, data in ours.items():
        rows.append([f"{lang} ({our_docs[lang]} entries)", len(data), kb(len(data)), kb(gzip_size(data)),
                     f"{gzip_size(data) / stock_gz:.2f}", escapes(data)])
    print(table(["index", "raw bytes", "raw", "gzip", "gzip / stock", "\\uXXXX escapes"], rows))
    print("A reader downloads one index: the stock site sends every language's reader the combined file; "
          "this site sends only the reader's language.")
    print("Target: each language's index smaller than the stock one (gzip / stock < 1.00).")


if __name__ == "__main__":
    main()
