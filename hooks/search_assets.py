"""A search worker that stems the reader's query, not only the index, published under a content-hashed name.

The worker (hooks/assets/search_worker.js) loads Material's own worker and also searches each query word's stem.
Material appends a wildcard to every query word and lunr does not stem wildcard words, so Russian stemming only ever
helped a reader who typed a short prefix. `config.extra.search_worker` gives its path to the theme (overrides/main.html).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ASSETS = Path(__file__).with_name("assets")
WORKERS = "assets/javascripts/workers/"


def worker_source(material_worker: str) -> str:
    return (ASSETS / "search_worker.js").read_text(encoding="utf-8").replace("__MATERIAL_WORKER__", material_worker)


def hashed(folder: str, stem: str, content: str) -> str:
    return f"{folder}{stem}.{hashlib.sha256(content.encode()).hexdigest()[:8]}.js"


@event_priority(-130)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config, **kwargs):
    material = [f.src_uri for f in files if f.src_uri.startswith(WORKERS + "search.") and f.src_uri.endswith(".min.js")]
    if len(material) != 1:
        raise ValueError(f"expected one Material search worker in {WORKERS}, found {material}")
    worker = worker_source(material[0].rsplit("/", 1)[1])
    config.extra["search_worker"] = hashed(WORKERS, "search-stemming", worker)
    files.append(File.generated(config, config.extra["search_worker"], content=worker))
    return files
