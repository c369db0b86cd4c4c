"""Search: on demand, in every word form, and as readers type; with Material's bundle patched and its files named by
content hash.

- The bundle. We publish Material's bundle with three expressions changed (BUNDLE_PATCHES; the build fails with
  advice if a Material upgrade changes one):
  1. the search index (80-140 KB gzipped) is no longer downloaded as soon as any page loads, but when the reader
     opens search (hooks/assets/search_index_on_demand.js);
  2. on a page opened at a #section, a search the reader opened as soon as its icon showed no longer closes 125 ms
     after the bundle started; and with it, a search result opened on a phone lands on its section, not at the top
     (hooks/assets/search_fixes.js says why);
  3. Material's alternate-language handler no longer fetches sitemap.xml next to each hreflang link: those are
     absolute links to the published address, a request to another host when the site is served elsewhere (a
     preview, a mirror). The language selector is docs/assets/site.js's; its links are relative.
  `config.extra.search_bundle` names the file for the theme (overrides/main.html).
- The worker (hooks/assets/search_worker.js) loads Material's worker on first use and widens each query: word forms
  (stems, with exact forms first), Latin-typed Georgian, Russian typed with the English layout, ё and Mtavruli.
  `config.extra.search_worker` gives its path to the theme.
- Georgian: lunr.ka (hooks/assets/lunr.ka.js), a lunr language with the stemmer of hooks/georgian_stemmer.py and
  the rules of data/georgian_stemmer.yml, published where Material's worker loads languages from.
- The hint under the search field (SEARCH_HINT, per language) says what a reader may type.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from georgian_stemmer import RulesError, load_rules  # hooks/ is on sys.path while hooks load
from hashed_assets import hashed_uri

ASSETS = Path(__file__).with_name("assets")
SCRIPTS = "assets/javascripts/"
WORKERS = SCRIPTS + "workers/"
GEORGIAN_LUNR = SCRIPTS + "lunr/min/lunr.ka.min.js"  # where Material's worker looks for lunr's "ka" language
SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
COMMENT_LINE = re.compile(r"^[ \t]*//[^\n]*\n|^[ \t]*/\*[\s\S]*?\*/[ \t]*\n", re.M)

# Each patch of Material 9.8.1's bundle: what it finds, what it becomes, the script appended for it, and why.
BUNDLE_PATCHES = [
    ("INDEX_AT_ONCE",
     # `index$ = document.forms.namedItem("search") ? fetchSearchIndex() : NEVER`, made once when the bundle starts
     re.compile(r'([\w$]+=document\.forms\.namedItem\("search"\)\?)([\w$]+)\(\)(?=:)'),
     r"\1hrSearchIndexOnDemand(\2)", "search_index_on_demand.js"),
    ("CLOSE_ON_LOAD",
     # `merge(location$, target$).pipe(delay(125)).subscribe(() => { setToggle("drawer", false); ...("search") })`:
     # target$ also emits the #section the page was opened at, once, when the bundle starts
     re.compile(r'([\w$]+\([\w$]+,)([\w$]+)(\)\.pipe\([\w$]+\(125\)\)\.subscribe\(\(\)=>\{([\w$]+)\("drawer",!1\),'
                r'\4\("search",!1\)\}\))'),
     r"\1\2.pipe(hrLaterOnly)\3", "search_fixes.js"),
    ("ALTERNATE_SITEMAPS",
     # setupAlternate: `document$.pipe(switchMap(() => getElements("link[rel=alternate]")), ...fetchSitemap(url))`
     re.compile(r'"link\[rel=alternate\]"'),
     '"link[rel=alternate][data-material-alternate]"', None),
]

# What the search field accepts, shown under it while it is empty (Material's "Type to start searching").
SEARCH_HINT = {
    "en": "Search for a word in any form: “overdosing” also finds “overdose”.",
    "ka": "მოძებნეთ სიტყვა ნებისმიერი ფორმით: „ნალოქსონით“ იპოვის „ნალოქსონსაც“. "
          "შეგიძლიათ ლათინური ასოებითაც დაწეროთ: naloqsoni.",
    "ru": "Ищите слово в любой форме: «налоксона» найдёт и «налоксон». "
          "Можно печатать и в английской раскладке: yfkjrcjy.",
}


def script(name: str) -> str:
    """One of our scripts as published: its comments, written for maintainers, are not sent to every reader.

    >>> COMMENT_LINE.sub("", "// why\\nrun()  // kept\\n  /* a\\n  b */\\nend()\\n")
    'run()  // kept\\nend()\\n'
    """
    return COMMENT_LINE.sub("", (ASSETS / name).read_text(encoding="utf-8"))


def worker_source(material_worker: str) -> str:
    return script("search_worker.js").replace("__MATERIAL_WORKER__", material_worker)


def georgian_lunr_source(rules_file: Path | None = None) -> str:
    """lunr.ka.js with the rules of data/georgian_stemmer.yml (or `rules_file`) filled in."""
    try:
        rules = load_rules(rules_file) if rules_file else load_rules()
    except RulesError as error:
        raise PluginError(str(error)) from None
    template = script("lunr.ka.js")
    table = json.dumps(rules.as_json(), ensure_ascii=False, separators=(",", ":"))
    source, count = re.subn(r"/\*RULES\*/.*?/\*RULES\*/", lambda _: table, template, flags=re.S)
    if count != 1:
        raise PluginError(f"{ASSETS / 'lunr.ka.js'}: expected one /*RULES*/ ... /*RULES*/ placeholder, found {count}")
    return source


def bundle_source(material_bundle: str) -> str:
    """Material's bundle with BUNDLE_PATCHES applied; its source map no longer matches it."""
    patched, appended = material_bundle, []
    for name, pattern, replacement, appended_script in BUNDLE_PATCHES:
        patched, count = pattern.subn(replacement, patched)
        if count != 1:
            raise PluginError(
                f"hooks/search_assets.py: Material's bundle no longer has the one expression that {name} patches "
                f"(found {count}); after upgrading Material, find its new form and update {name} in BUNDLE_PATCHES.")
        if appended_script:
            appended.append(script(appended_script))
    # Appended, not prepended: the bundle's "use strict" must stay its first statement. Function declarations are
    # hoisted, so the bundle can call them from above.
    return SOURCE_MAP.sub("\n", patched) + "".join(appended)


def material_file(files, folder: str, stem: str) -> File:
    found = [f for f in files if f.src_uri.startswith(folder + stem + ".") and f.src_uri.endswith(".min.js")
             and "/" not in f.src_uri[len(folder):]]
    if len(found) != 1:
        raise PluginError(f"hooks/search_assets.py: expected one Material {stem} script in {folder}, "
                          f"found {[f.src_uri for f in found]}")
    return found[0]


def on_config(config, **kwargs):
    config.extra["search_hint"] = SEARCH_HINT
    return config


@event_priority(-130)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config, **kwargs):
    material_worker = material_file(files, WORKERS, "search")
    worker = worker_source(material_worker.src_uri.rsplit("/", 1)[1])
    config.extra["search_worker"] = hashed_uri(WORKERS + "search-stemming.js", worker.encode())
    files.append(File.generated(config, config.extra["search_worker"], content=worker))

    shipped = files.get_file_from_path(GEORGIAN_LUNR)
    if shipped is not None:  # a later Material with a Georgian of its own: ours keeps the rules tested here
        files.remove(shipped)
    files.append(File.generated(config, GEORGIAN_LUNR, content=georgian_lunr_source()))

    material_bundle = material_file(files, SCRIPTS, "bundle")
    bundle = bundle_source(material_bundle.content_string)
    config.extra["search_bundle"] = hashed_uri(SCRIPTS + "bundle.min.js", bundle.encode())
    for unused in (material_bundle, files.get_file_from_path(material_bundle.src_uri + ".map")):
        if unused is not None:  # the theme loads the patched copy, which names no source map
            files.remove(unused)
    files.append(File.generated(config, config.extra["search_bundle"], content=bundle))
    return files
