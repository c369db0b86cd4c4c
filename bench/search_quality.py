"""Search quality: the evaluation set bench/search_queries.yml run through this site's search and stock Material's,
on the same build of the same content; and what the search costs (index sizes, the growth stemming adds).

Both searches run as a reader's browser runs them: the published worker files, lunr and its languages, loaded in
node by tools/search_node.js, given the index the page would fetch and the query as typed.
- Ours: hooks/assets/search_worker.js (published as workers/search-stemming.<hash>.js) with this language's index
  (<lang>/search/search_index.json) and lunr.ka for Georgian.
- Stock: Material's own worker (workers/search.<hash>.min.js, unchanged) with the combined index Material's search
  plugin wrote in the same build (captured as bench/search_index_size.py does), configured as mkdocs-static-i18n
  configures it out of the box: every language lunr knows (en, ru; it has no Georgian), Material's separator and
  pipeline. A stock reader gets every language's pages in one list; the rank below counts in that list.

Figures per language: recall (the share of the listed pages found, averaged over queries), queries that find
nothing, the share whose first result is a right page, the mean rank of the first right page (among queries that
find one), and per kind of query (word forms, Latin-typed Georgian, Russian in the English layout, capitals).
Target (issue 14): recall >= 0.9 in every language and no query that finds nothing.

Run alone: `.venv/bin/python bench/search_quality.py` (add `--failures` to list the queries that miss a page).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, gzip_size, heading, kb, table  # noqa: E402
from search_index_size import build_with_stock_index  # noqa: E402

sys.path.insert(0, str(ROOT))
from quiz_plugin import safe_yaml  # noqa: E402
from tools.search_node import run as run_search  # noqa: E402

QUERIES = Path(__file__).with_name("search_queries.yml")
LANGUAGES = ("en", "ka", "ru")
INDEX = {"en": "search/search_index.json", "ka": "ka/search/search_index.json", "ru": "ru/search/search_index.json"}
STOCK_LANGUAGES = ["en", "ru"]  # what mkdocs-static-i18n sets: the site's languages that lunr supports
SETUPS = 5  # index builds timed per language (the median is printed)


def load_queries(path: Path = QUERIES) -> dict[str, list[tuple[str, list[str]]]]:
    """{language: [(query, pages that should be found), ...]} from the evaluation set."""
    topics = safe_yaml.load_file(path)
    queries: dict[str, list[tuple[str, list[str]]]] = {lang: [] for lang in LANGUAGES}
    for topic in topics:
        for lang in LANGUAGES:
            for query in topic.get(lang, []):
                queries[lang].append((str(query), list(topic["pages"])))
    return queries


def kind(query: str, lang: str) -> str:
    """The kind of query, for the breakdown.

    >>> [kind(q, l) for q, l in [("naloqsoni", "ka"), ("yfkjrcjy", "ru"), ("ᲜᲐᲚᲝᲥᲡᲝᲜᲘ", "ka"), ("налоксона", "ru")]]
    ['Latin-typed Georgian', 'English layout', 'capitals, ё', 'word forms']
    """
    if lang == "ka" and re.fullmatch(r"[A-Za-z' ]+", query):
        return "Latin-typed Georgian"
    if lang == "ru" and re.fullmatch(r"[A-Za-z\[\];',.`]+", query):
        return "English layout"
    if re.search(r"[\u1c90-\u1cbfёЁ]", query):
        return "capitals, ё"
    return "word forms"


def score(results: list, pages: list[str], prefix: str) -> tuple[float, int | None]:
    """(share of `pages` found, rank of the first right page or None); results as tools/search_node.js gives them.

    >>> score([["ka/a.html#x", 1, {}], ["ka/b.html", 1, {}]], ["b.html", "c.html"], "ka/")
    (0.5, 2)
    """
    found = [location.split("#")[0] for location, _, _ in results]
    wanted = [prefix + page for page in pages]
    ranks = [number for number, page in enumerate(found, start=1) if page in wanted]
    return sum(1 for page in wanted if page in found) / len(wanted), (ranks[0] if ranks else None)


def evaluate(answer: dict, queries: list[tuple[str, list[str]]], prefix: str) -> list[dict]:
    rows = []
    for query, pages in queries:
        recall, rank = score(answer["results"][query], pages, prefix)
        rows.append({"query": query, "recall": recall, "rank": rank, "found": len(answer["results"][query])})
    return rows


def summary(rows: list[dict]) -> list:
    ranks = [row["rank"] for row in rows if row["rank"] is not None]
    return [f"{statistics.mean(row['recall'] for row in rows):.2f}",
            sum(1 for row in rows if row["found"] == 0),
            f"{sum(1 for rank in ranks if rank == 1) / len(rows):.2f}",
            f"{statistics.mean(ranks):.1f}" if ranks else "-"]


def stock_config(captured: dict) -> dict:
    return {**captured, "lang": STOCK_LANGUAGES}


def material_worker(site: Path) -> str:
    found = [p for p in (site / "assets/javascripts/workers").glob("search.*.min.js")]
    if len(found) != 1:
        raise SystemExit(f"expected Material's search worker in the built site, found {found}")
    return found[0].relative_to(site).as_posix()


def our_worker(site: Path) -> str:
    return next((site / "assets/javascripts/workers").glob("search-stemming.*.js")).relative_to(site).as_posix()


def main() -> None:
    show_failures = "--failures" in sys.argv
    queries = load_queries()
    heading("Search quality: bench/search_queries.yml, this site's search against stock Material's, same content")
    with tempfile.TemporaryDirectory(prefix="bench-search-quality-") as tmp:
        site, stock_bytes = build_with_stock_index(Path(tmp))
        stock = json.loads(stock_bytes)
        stock_request = {"root": str(site), "worker": material_worker(site), "config": stock_config(stock["config"]),
                         "docs": stock["docs"], "setups": SETUPS}
        ours, theirs, unstemmed = {}, {}, {}
        for lang in LANGUAGES:
            asked = [query for query, _ in queries[lang]]
            ours[lang] = run_search({"root": str(site), "worker": our_worker(site), "index": INDEX[lang],
                                     "queries": asked, "setups": SETUPS})
            theirs[lang] = run_search({**stock_request, "queries": asked})
            index = json.loads((site / INDEX[lang]).read_text(encoding="utf-8"))
            plain = {**index["config"], "pipeline": [f for f in index["config"]["pipeline"] if f != "stemmer"]}
            unstemmed[lang] = run_search({"root": str(site), "worker": our_worker(site), "config": plain,
                                          "docs": index["docs"], "queries": []})
        sizes = {lang: gzip_size((site / INDEX[lang]).read_bytes()) for lang in LANGUAGES}
        georgian = gzip_size((site / "assets/javascripts/lunr/min/lunr.ka.min.js").read_bytes())
        worker = gzip_size((site / our_worker(site)).read_bytes())

    print(f"Stock: Material's worker, the combined index, lang {STOCK_LANGUAGES}, separator "
          f"{stock['config']['separator']!r}, pipeline {stock['config']['pipeline']}.")
    rows, kinds, failures = [], [], []
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        mine = evaluate(ours[lang], queries[lang], "")
        stock_rows = evaluate(theirs[lang], queries[lang], prefix)
        rows.append([lang, len(mine), *summary(mine), *summary(stock_rows)])
        for name in sorted({kind(query, lang) for query, _ in queries[lang]}):
            picked = [i for i, (query, _) in enumerate(queries[lang]) if kind(query, lang) == name]
            kinds.append([lang, name, len(picked), summary([mine[i] for i in picked])[0],
                          summary([stock_rows[i] for i in picked])[0]])
        failures += [(lang, row["query"], f"{row['recall']:.2f}", row["rank"], ours[lang]["results"][row["query"]][0][0]
                      if row["found"] else "-") for row in mine if row["recall"] < 1 or row["rank"] != 1]
    print(table(["lang", "queries", "recall", "find nothing", "right page first", "mean rank",
                 "stock recall", "stock nothing", "stock first", "stock rank"], rows))
    print()
    print(table(["lang", "kind of query", "queries", "recall", "stock recall"], kinds))
    print()
    size_rows = [[lang, kb(sizes[lang]), kb(gzip_size(stock_bytes)), unstemmed[lang]["terms"], ours[lang]["terms"],
                  f"{ours[lang]['terms'] / unstemmed[lang]['terms']:.2f}",
                  f"{statistics.median(ours[lang]['setup_ms']):.0f}", f"{statistics.median(theirs[lang]['setup_ms']):.0f}"]
                 for lang in LANGUAGES]
    print(table(["lang", "index gzip", "stock index gzip", "terms unstemmed", "terms stemmed", "stemmed / unstemmed",
                 "build CPU ms", "stock build CPU ms"], size_rows))
    print(f"Downloaded once, on first search: lunr.ka.min.js {kb(georgian)}, our worker {kb(worker)} (gzip -9). The "
          "index files are the same with or without stemming: Material builds the lunr index in the reader's browser, "
          "and stemming there gives it fewer terms (forms share a stem). Build CPU ms: node building it, median of "
          f"{SETUPS}; stock builds the combined index of every language.")
    print(f"Queries that miss a listed page or rank another first: {len(failures)}"
          + ("" if show_failures else " (--failures lists them)"))
    if show_failures:
        print(table(["lang", "query", "recall", "rank", "first result"], failures))
    print("Target: recall >= 0.9 in every language and no query that finds nothing.")


if __name__ == "__main__":
    main()
