"""Sources as data: `[@key]` citations in pages and quiz banks, and each page's Sources list, from data/sources.yml.

The work is done by the plain-Python package citations/ (registry loader, citation syntax, rendering); this hook
only wires it into the build:
- on_config: load the registry (an error names file and line) and add the citation Markdown extension to the site's
  extensions, so pages and, through the quiz plugin's safe renderer, bank text both get citation links;
- on_files: check every citation in this language's pages and banks, and in the site data that cites (the service
  directory's `source` fields), against the registry, naming file and line;
- on_page_content: number the page's citations (banks included, as placed) and write its Sources list.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from i18n_site import page_language  # hooks/ is on sys.path while hooks load

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for citations/, which is not an installed package
from citations.cite import citation_problems  # noqa: E402
from citations.loader import load_registry  # noqa: E402
from citations.markdown_ext import CitationExtension  # noqa: E402
from citations.model import CitationError  # noqa: E402
from citations.render import number_citations, place_sources_list  # noqa: E402

REGISTRY = ROOT / "data" / "sources.yml"
CITING_DATA = ("data/services.yml",)  # beside the site's mkdocs.yml; rendered into pages by their own hooks
_state: dict = {"registry": {}}


def registry():
    return _state["registry"]


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set up this language's configuration
def on_config(config, **kwargs):
    try:
        _state["registry"] = load_registry(REGISTRY, "data/sources.yml")
    except CitationError as error:
        raise PluginError(f"Sources error: {error}") from None
    if not any(isinstance(ext, CitationExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(CitationExtension())
    return config


@event_priority(-120)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config, **kwargs):
    language = config.theme["language"]
    docs = Path(config.docs_dir)
    quiz = config.plugins.get("quiz")
    banks_dir = quiz.config.banks_dir if quiz is not None else "quizzes"
    checked = [Path(f.abs_src_path) for f in files.documentation_pages() if f.src_uri.startswith(f"{language}/")]
    checked += sorted((docs / language / banks_dir).glob("*.yml"))
    shown = {path: "docs/" + path.relative_to(docs).as_posix() for path in checked}
    site = Path(config.config_file_path).parent
    shown.update({site / rel: rel for rel in CITING_DATA if (site / rel).is_file()})
    problems = []
    for path, display in shown.items():
        problems += citation_problems(path.read_text(encoding="utf-8"), display, registry())
    if problems:
        raise PluginError("Sources error: " + "\n".join(problems))
    return files


@event_priority(-100)  # after the quiz plugin has placed the page's banks, whose text may cite too
def on_page_content(html, page, **kwargs):
    display = f"docs/{page.file.src_uri}"
    language = page_language(page.file.url)
    try:
        html, keys = number_citations(html, registry(), language, display)
        html = place_sources_list(html, keys, registry(), language, display)
    except CitationError as error:
        raise PluginError(f"Sources error: {error}") from None
    if page.present_anchor_ids is not None:
        # MkDocs checks links to #anchors against the ids it saw while rendering the Markdown; the list is added after.
        page.present_anchor_ids.update(f"source-{key}" for key in keys)
    return html
