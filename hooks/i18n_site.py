"""Multilingual site hook: the deep-link contract, language alternates, per-language search and sitemaps.

mkdocs-static-i18n builds the site once per language in one process (en at the root, then ka/ and ru/), so every
event below runs three times. Per-build state is reset in on_config; the whole-site checks run once.

Jobs, each a small pure function below with a thin event handler:
- every page of every language exists in the other languages, with the same explicit heading ids;
- every heading has an explicit ASCII id (never an automatic `_1`);
- each page knows its alternates (the same page in the other languages): absolute for hreflang and Open Graph,
  relative for the language selector, so a copy served from another address switches language within it;
- each language gets a search index of its own pages only, written without \\uXXXX escapes;
- each folder gets a small sitemap.xml, so Material's language selector never fetches a missing one.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from pathlib import Path
from xml.sax.saxutils import escape

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from quiz_plugin.keys import id_differences
from quiz_plugin.markers import marker_differences, page_markers
from quiz_plugin.safe_yaml import not_a_regular_file

log = get_plugin_logger("i18n_site")

LANGUAGES = ("en", "ka", "ru")  # en is the default and is built at the site root
DEFAULT_LANGUAGE = "en"
# Search settings per language. Material builds each language's lunr index in the reader's browser with these.
# English and Russian use lunr's stemmers, Georgian our own (lunr.ka, hooks/assets/lunr.ka.js, with the rules of
# data/georgian_stemmer.yml); hooks/search_assets.py also stems the reader's query, which Material leaves unstemmed.
# Words are split at spaces, hyphens and punctuation. lunr's own trimmer, which would strip punctuation, treats
# every Georgian letter as punctuation, so English and Russian do without one: the separator does its work.
SEARCH_SEPARATOR = r"""(?:[\s\-,:;!?=\[\](){}"/«»“”„…]|\.(?!\d))+"""
SEARCH_CONFIG = {
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter", "stemmer"], "separator": SEARCH_SEPARATOR},
    "ka": {"lang": ["ka"], "pipeline": ["trimmer", "stopWordFilter", "stemmer"], "separator": SEARCH_SEPARATOR},
    "ru": {"lang": ["ru", "en"], "pipeline": ["stemmer", "stopWordFilter"], "separator": SEARCH_SEPARATOR},
}

HEADING_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*?\bid=\"([^\"]*)\"")


# --- Pure functions ---------------------------------------------------------------------------------------------

def heading_ids(markdown: str) -> list[tuple[int, str | None, str]]:
    """Return (line number, explicit id or None, heading text) for every ATX heading outside code blocks.

    >>> heading_ids("# Title {#top}\\n```\\n# not a heading\\n```\\n## Two\\n")
    [(1, 'top', 'Title {#top}'), (5, None, 'Two')]
    """
    found, in_fence, fence = [], False, ""
    front_matter = markdown.startswith("---\n")
    for number, line in enumerate(markdown.splitlines(), start=1):
        if front_matter:
            if number > 1 and line.strip() in ("---", "..."):
                front_matter = False
            continue
        match = _FENCE.match(line)
        if match:
            if not in_fence:
                in_fence, fence = True, match.group(1)
            elif match.group(1) == fence:
                in_fence = False
            continue
        if in_fence or line.startswith(("    ", "\t")):
            continue
        heading = _ATX.match(line)
        if heading:
            text = heading.group(2)
            explicit = _EXPLICIT_ID.search(text)
            found.append((number, explicit.group(1) if explicit else None, text))
    return found


def heading_problems(src: str, markdown: str) -> list[str]:
    """Headings without an explicit id, or with one that is not lower-case ASCII with hyphens."""
    problems = []
    for number, anchor, text in heading_ids(markdown):
        if anchor is None:
            problems.append(f"{src}:{number}: heading '{text}' has no explicit id; add {{#some-id}} at its end")
        elif not HEADING_ID.match(anchor):
            problems.append(f"{src}:{number}: heading id '{anchor}' must be lower-case ASCII letters, digits and hyphens")
    return problems


def translation_problems(docs_dir: Path, languages=LANGUAGES, default=DEFAULT_LANGUAGE) -> list[str]:
    """Pages or banks missing in a language, and pages whose heading ids or quiz markers differ from the default
    language."""
    problems = []
    trees: dict[str, set[str]] = {}
    for lang in languages:
        trees[lang] = set()
        for p in sorted((docs_dir / lang).rglob("*")):
            rel = p.relative_to(docs_dir / lang).as_posix()
            # A folder, FIFO or broken link named like a page or a bank would make MkDocs or a reader fail or wait.
            special = not_a_regular_file(p) if p.suffix in (".md", ".yml") or not p.is_dir() else None
            if special:
                problems.append(f"docs/{lang}/{rel} {special}; remove it")
            elif p.suffix in (".md", ".yml"):
                trees[lang].add(rel)
    every_path = set().union(*trees.values())
    for rel in sorted(every_path):
        for lang in languages:
            if rel not in trees[lang]:
                problems.append(f"docs/{lang}/{rel} is missing: every page and bank exists in {', '.join(languages)}")
    for rel in sorted(trees[default]):
        if not rel.endswith(".md"):
            continue
        texts = {lang: (docs_dir / lang / rel).read_text(encoding="utf-8") for lang in languages if rel in trees[lang]}
        # Quiz markers are compared like heading ids: a translation cannot drop, add or swap a quiz.
        markers = {lang: page_markers(text) for lang, text in texts.items()}
        problems.extend(filter(None, (marker_differences(f"docs/{lang}/{rel}", f"docs/{default}/{rel}", markers[lang],
                                                         markers[default]) for lang in texts if lang != default)))
        own = [problem for lang, text in texts.items() for problem in heading_problems(f"docs/{lang}/{rel}", text)]
        if own:
            problems.extend(own)
            continue
        reference = [a for _, a, _ in heading_ids(texts[default])]
        for lang in languages:
            if lang == default or lang not in texts:
                continue
            ids = [a for _, a, _ in heading_ids(texts[lang])]
            if ids != reference:
                missing = [a for a in reference if a not in ids]
                extra = [a for a in ids if a not in reference]
                detail = id_differences(missing, extra) or "same ids in another order"
                problems.append(f"docs/{lang}/{rel}: heading ids differ from docs/{default}/{rel}: {detail}")
    return problems


def page_language(url: str) -> str:
    """The language of a built page from its URL: 'ka/training/lesson-1.html' -> 'ka'."""
    first = url.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def neutral_path(url: str) -> str:
    """The language-independent part of a page URL: 'ru/cases/index.html' -> 'cases/index.html'."""
    lang = page_language(url)
    return url[len(lang) + 1:] if lang != DEFAULT_LANGUAGE else url


def language_url(neutral: str, lang: str) -> str:
    """'cases/index.html', 'ka' -> 'ka/cases/index.html'; the default language lives at the root."""
    return neutral if lang == DEFAULT_LANGUAGE else f"{lang}/{neutral}"


def split_search_index(index: dict) -> dict[str, dict]:
    """Split the combined search index into one index per language, with locations relative to that language."""
    result = {}
    for lang in LANGUAGES:
        docs = []
        for doc in index.get("docs", []):
            if page_language(doc["location"]) == lang:
                docs.append({**doc, "location": neutral_path(doc["location"]) if lang != DEFAULT_LANGUAGE else doc["location"]})
        config = {**index.get("config", {}), **SEARCH_CONFIG[lang]}
        result[lang] = {"config": config, "docs": docs}
    return result


def sitemap_xml(entries: list[tuple[str, dict[str, str]]]) -> str:
    """A sitemap with hreflang alternates: entries are (absolute url, {lang: absolute url})."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for loc, alternates in entries:
        lines.append(f"  <url><loc>{escape(loc)}</loc>")
        for lang, href in alternates.items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


# --- MkDocs events -----------------------------------------------------------------------------------------------

_pages: dict[str, set[str]] = {}  # language -> page URLs built, for the sitemaps


@event_priority(-110)  # after mkdocs-static-i18n has switched the configuration to this build's language
def on_config(config, **kwargs):
    lang = config.theme["language"]
    if lang == DEFAULT_LANGUAGE:
        _pages.clear()
        problems = translation_problems(Path(config.docs_dir))
        if problems:
            raise PluginError("Translations are out of step:\n  " + "\n  ".join(problems))
    _pages[lang] = set()


def on_page_markdown(markdown, page, config, files, **kwargs):
    problems = heading_problems(f"docs/{page.file.src_uri}", markdown)
    if problems:
        raise PluginError("Every heading needs an explicit id, the same in every language:\n  " + "\n  ".join(problems))
    return markdown


def on_page_content(html, page, config, files, **kwargs):
    # Catches ids that came from somewhere other than the page's own headings (snippets, plugins).
    for level, anchor in _HTML_HEADING.findall(html):
        if not HEADING_ID.match(anchor):
            raise PluginError(f"docs/{page.file.src_uri}: <h{level}> has the automatic id '{anchor}'; give the heading an explicit {{#id}}")
    _pages[page_language(page.file.url)].add(page.file.url)
    return html


def on_page_context(context, page, config, nav, **kwargs):
    """Alternates for the language selector and hreflang: the same page in every language."""
    neutral = neutral_path(page.file.url)
    i18n = config.plugins["i18n"].config
    names = {language.locale: language.name for language in i18n.languages}
    # "link": absolute when the public address is known (hreflang wants it), relative in a file:// copy.
    # "path": from the site root, for the language selector (overrides/partials/alternate.html), which stays
    # within the address the site is served from.
    base = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
    config.extra["alternate"] = [
        {"name": names[lang], "lang": lang, "link": base + language_url(neutral, lang),
         "path": language_url(neutral, lang)} for lang in LANGUAGES
    ]
    context["page_language"] = page_language(page.file.url)
    # Like Material's base_url ("." or "../.."), but relative to this language's root folder.
    context["language_root"] = "/".join([".."] * neutral.count("/")) or "."
    return context


@event_priority(-110)  # after mkdocs-static-i18n has built every language and written the combined index
def on_post_build(config, **kwargs):
    if config.plugins["i18n"].building:
        return  # a nested language build: the combined results are not there yet
    site = Path(config.site_dir)
    _write_search_indexes(site)
    _write_sitemaps(site, config.site_url or "")


def _write_search_indexes(site: Path) -> None:
    combined = site / "search" / "search_index.json"
    if not combined.exists():
        return
    for lang, index in split_search_index(json.loads(combined.read_text(encoding="utf-8"))).items():
        target = site / language_url("search/search_index.json", lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        # ensure_ascii=False: Georgian written as \\uXXXX triples the size of the index.
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _write_sitemaps(site: Path, site_url: str) -> None:
    """One sitemap.xml per folder holding pages, listing that folder's pages (and below) with their alternates."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    folders: dict[str, list] = {}
    for lang, urls in _pages.items():
        for url in sorted(urls):
            entry = (base + url, {alt: base + language_url(neutral_path(url), alt) for alt in LANGUAGES})
            folder = posixpath.dirname(url)
            while True:
                folders.setdefault(folder, []).append(entry)
                if not folder or (folder in LANGUAGES):
                    break
                folder = posixpath.dirname(folder)
    for folder, entries in folders.items():
        target = site / folder / "sitemap.xml"
        xml = sitemap_xml(entries)
        target.write_text(xml, encoding="utf-8")
        if folder == "":
            (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))


def language_redirects(redirect_maps: dict[str, str], lang: str) -> dict[str, str]:
    """Redirects are written once, with language-neutral paths, and apply to every language.

    >>> language_redirects({"old.md": "new.md"}, "ka")
    {'ka/old.md': 'ka/new.md'}
    >>> language_redirects({"old.md": "new.md"}, "en")
    {'old.md': 'en/new.md'}
    """
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return {f"{prefix}{old}": f"{lang}/{new}" for old, new in redirect_maps.items()}


@event_priority(-120)  # after mkdocs-static-i18n (-100) has chosen this language's files and URLs
def on_files(files, config, **kwargs):
    redirects = config.plugins.get("redirects")
    if redirects is None:
        return files
    # mkdocs-redirects read the files before i18n moved them: give it this language's pages and redirects.
    redirects.doc_pages = {f.src_uri: f for f in files.documentation_pages()}
    redirects.redirects = language_redirects(redirects.config.get("redirect_maps", {}), config.theme["language"])
    return files
