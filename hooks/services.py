"""Service directory: `<!-- services -->` on a page becomes a list generated from data/services.yml in the page's
language. Only organisations named in the content brief; no phone numbers or addresses unless a local team has
verified them (see AUTHORING.md).

An entry's `source` cites the registry of sources as a page does, `"[@ehrn2016]"` or `"[@ghrn2012; @idpc2012]"`:
hooks/sources.py checks its keys with the pages' (an unknown key names data/services.yml and the line), and the
citation, written here as the Markdown extension writes one, becomes a numbered link to the directory page's own
Sources list.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from xml.etree import ElementTree

from mkdocs.exceptions import PluginError

from quiz_plugin import safe_yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for citations/, which is not an installed package
from citations.cite import SyntaxProblem, find_citations  # noqa: E402
from citations.markdown_ext import citation_element  # noqa: E402

MARKER = "<!-- services -->"
DATA_FILE = "data/services.yml"  # beside the site's mkdocs.yml
DATA = ROOT / DATA_FILE
LANGUAGES = ("en", "ka", "ru")
HEADINGS = {
    "en": {"georgia": "In Georgia", "international": "International", "local": "Local services (added by your team)"},
    "ka": {"georgia": "საქართველოში", "international": "საერთაშორისო", "local": "ადგილობრივი სერვისები (დაამატა თქვენმა გუნდმა)"},
    "ru": {"georgia": "В Грузии", "international": "Международные", "local": "Местные службы (добавлены вашей командой)"},
}
OPTIONAL = {"contact": {"en": "Contact", "ka": "კონტაქტი", "ru": "Контакт"},
            "verified": {"en": "Verified", "ka": "გადამოწმებულია", "ru": "Проверено"}}
SOURCE_FORM = "citations of data/sources.yml keys, as in a page: \"[@ehrn2016]\" or \"[@ghrn2012; @idpc2012]\""
_state = {"data": DATA}


def _shown(path: Path) -> str:
    """data/services.yml rather than the whole path."""
    return DATA_FILE if path.name == "services.yml" and path.parent.name == "data" else str(path)


def source_keys(source) -> list[str] | None:
    """The registry keys an entry's `source` cites, or None when it is not only citations.

    >>> source_keys("[@ghrn2012; @idpc2012]")
    ['ghrn2012', 'idpc2012']
    >>> source_keys("GHRN, 2012") is None, source_keys("See [@ghrn2012]") is None, source_keys("[@GHRN]") is None
    (True, True, True)
    """
    if not isinstance(source, str):
        return None
    try:
        citations = find_citations(source)
    except SyntaxProblem:
        return None
    rest = source
    for citation in citations:
        rest = rest.replace(citation.text, "", 1)
    if not citations or rest.strip():
        return None
    return [key for citation in citations for key in citation.keys]


def load_services(path: Path = DATA) -> list[dict]:
    try:
        data = safe_yaml.load_file(path, _shown(path))
    except safe_yaml.YamlError as error:
        raise PluginError(f"Error reading the service directory: {error}") from None
    services = data.get("services") if isinstance(data, dict) else None
    shown = _shown(path)
    if not isinstance(services, list):
        raise PluginError(f"{shown}: expected a list under 'services'")
    for number, entry in enumerate(services, start=1):
        if not isinstance(entry, dict):
            raise PluginError(f"{shown}: entry {number} should be 'key: value' lines (id, scope, name, what)")
        for field in ("id", "scope", "name", "what"):
            if field not in entry:
                raise PluginError(f"{shown}: entry {number} ({entry.get('id', 'no id')}) has no '{field}'")
        for field in ("name", "what"):
            texts = entry[field] if isinstance(entry[field], dict) else {}
            missing = [lang for lang in LANGUAGES if not isinstance(texts.get(lang), str) or not texts[lang]]
            if missing:
                raise PluginError(f"{shown}: entry '{entry['id']}' has no {field} text in {', '.join(missing)}")
        if "source" in entry and source_keys(entry["source"]) is None:
            raise PluginError(f"{shown}: entry '{entry['id']}': 'source' must be {SOURCE_FORM}, "
                              f"not {entry['source']!r}")
    return services


def citation_html(source: str) -> str:
    """The citation as the Markdown extension writes it in a page; hooks/sources.py numbers it and lists the source."""
    return ElementTree.tostring(citation_element(source_keys(source)), encoding="unicode")


def render_directory(services: list[dict], lang: str) -> str:
    html = []
    for scope in ("georgia", "international", "local"):
        entries = [s for s in services if s["scope"] == scope]
        if not entries:
            continue
        html.append(f'<p class="services__scope"><strong>{escape(HEADINGS[lang][scope])}</strong></p><ul class="services">')
        for entry in entries:
            extra = ""
            for field, labels in OPTIONAL.items():
                if entry.get(field):
                    extra += f"<br><em>{escape(labels[lang])}:</em> {escape(str(entry[field]))}"
            source = f" {citation_html(entry['source'])}" if entry.get("source") else ""
            html.append(f'<li id="service-{escape(entry["id"])}"><strong>{escape(entry["name"][lang])}</strong>: '
                        f'{escape(entry["what"][lang])}{source}{extra}</li>')
        html.append("</ul>")
    return "".join(html)


def on_config(config, **kwargs):
    _state["data"] = Path(config.config_file_path).parent / DATA_FILE
    return config


def on_page_content(html, page, **kwargs):
    if MARKER not in html:
        return html
    first = page.file.url.split("/", 1)[0]
    lang = first if first in LANGUAGES[1:] else "en"
    return html.replace(MARKER, render_directory(load_services(_state["data"]), lang))
