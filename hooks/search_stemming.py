"""Search that stems the reader's query, not only the index.

Material's worker appends a wildcard to every query word and lunr does not stem wildcard words, so Russian stemming
only ever helped a reader who typed a short prefix. This hook adds a small worker (hooks/assets/search_worker.js)
that loads Material's own worker and also searches each word's stem. Its file name carries a content hash, and
`config.extra.search_worker` gives the theme (overrides/main.html) its path.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

SOURCE = Path(__file__).with_name("assets") / "search_worker.js"
WORKERS = "assets/javascripts/workers/"


def worker_source(material_worker: str) -> str:
    return SOURCE.read_text(encoding="utf-8").replace("__MATERIAL_WORKER__", material_worker)


@event_priority(-130)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config, **kwargs):
    material = [f.src_uri for f in files if f.src_uri.startswith(WORKERS + "search.") and f.src_uri.endswith(".min.js")]
    if len(material) != 1:
        raise ValueError(f"expected one Material search worker in {WORKERS}, found {material}")
    content = worker_source(material[0].rsplit("/", 1)[1])
    digest = hashlib.sha256(content.encode()).hexdigest()[:8]
    uri = f"{WORKERS}search-stemming.{digest}.js"
    files.append(File.generated(config, uri, content=content))
    config.extra["search_worker"] = uri
    return files
