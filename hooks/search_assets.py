"""Search that costs nothing until it is used, and that stems the reader's query; both published under content-hashed names.

- The bundle: Material fetches the language's whole search index (80–140 KB gzipped) as soon as any page loads. We
  publish Material's bundle with one change: where it makes the index's download, it gets a promise from
  hooks/assets/search_index_on_demand.js instead, which downloads the index only when the reader opens search.
  `config.extra.search_bundle` names the file for the theme (overrides/main.html).
- The worker (hooks/assets/search_worker.js) loads Material's own worker and also searches each query word's stem.
  Material appends a wildcard to every query word and lunr does not stem wildcard words, so Russian stemming only ever
  helped a reader who typed a short prefix. `config.extra.search_worker` gives its path to the theme.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from hashed_assets import hashed_uri  # hooks/ is on sys.path while hooks load

ASSETS = Path(__file__).with_name("assets")
SCRIPTS = "assets/javascripts/"
WORKERS = SCRIPTS + "workers/"
# In Material 9.8.1's bundle: `index$ = document.forms.namedItem("search") ? fetchSearchIndex() : NEVER`, made once
# when the bundle starts. Search, and the highlighting of searched words, subscribe to it at once.
INDEX_AT_ONCE = re.compile(r'([\w$]+=document\.forms\.namedItem\("search"\)\?)([\w$]+)\(\)(?=:)')
SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def worker_source(material_worker: str) -> str:
    return (ASSETS / "search_worker.js").read_text(encoding="utf-8").replace("__MATERIAL_WORKER__", material_worker)


def bundle_source(material_bundle: str) -> str:
    """Material's bundle, fetching the search index only when search opens; its source map no longer matches it."""
    patched, count = INDEX_AT_ONCE.subn(r"\1hrSearchIndexOnDemand(\2)", material_bundle)
    if count != 1:
        raise PluginError(
            "hooks/search_assets.py: Material's bundle no longer has the one expression that loads the search index "
            f"at once (found {count}); after upgrading Material, find its new form and update INDEX_AT_ONCE.")
    # Appended, not prepended: the bundle's "use strict" must stay its first statement. A function declaration is
    # hoisted, so the bundle can call it from above.
    on_demand = (ASSETS / "search_index_on_demand.js").read_text(encoding="utf-8")
    return SOURCE_MAP.sub("\n", patched) + on_demand


def material_file(files, folder: str, stem: str) -> File:
    found = [f for f in files if f.src_uri.startswith(folder + stem + ".") and f.src_uri.endswith(".min.js")
             and "/" not in f.src_uri[len(folder):]]
    if len(found) != 1:
        raise PluginError(f"hooks/search_assets.py: expected one Material {stem} script in {folder}, "
                          f"found {[f.src_uri for f in found]}")
    return found[0]


@event_priority(-130)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config, **kwargs):
    material_worker = material_file(files, WORKERS, "search")
    worker = worker_source(material_worker.src_uri.rsplit("/", 1)[1])
    config.extra["search_worker"] = hashed_uri(WORKERS + "search-stemming.js", worker.encode())
    files.append(File.generated(config, config.extra["search_worker"], content=worker))

    material_bundle = material_file(files, SCRIPTS, "bundle")
    bundle = bundle_source(material_bundle.content_string)
    config.extra["search_bundle"] = hashed_uri(SCRIPTS + "bundle.min.js", bundle.encode())
    for unused in (material_bundle, files.get_file_from_path(material_bundle.src_uri + ".map")):
        if unused is not None:  # the theme loads the patched copy, which names no source map
            files.remove(unused)
    files.append(File.generated(config, config.extra["search_bundle"], content=bundle))
    return files
