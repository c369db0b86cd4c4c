"""Service directory: `<!-- services -->` on a page becomes a list generated from data/services.yml in the page's
language. Only organisations named in the content brief; no phone numbers or addresses unless a local team has
verified them (see AUTHORING.md)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

from quiz_plugin import safe_yaml

MARKER = "<!-- services -->"
DATA = Path(__file__).resolve().parent.parent / "data" / "services.yml"
LANGUAGES = ("en", "ka", "ru")
HEADINGS = {
    "en": {"georgia": "In Georgia", "international": "International", "local": "Local services (added by your team)"},
    "ka": {"georgia": "საქართველოში", "international": "საერთაშორისო", "local": "ადგილობრივი სერვისები (დაამატა თქვენმა გუნდმა)"},
    "ru": {"georgia": "В Грузии", "international": "Международные", "local": "Местные службы (добавлены вашей командой)"},
}
OPTIONAL = {"contact": {"en": "Contact", "ka": "კონტაქტი", "ru": "Контакт"},
            "verified": {"en": "Verified", "ka": "გადამოწმებულია", "ru": "Проверено"}}


def _shown(path: Path) -> str:
    """data/services.yml rather than the whole path, when it is this project's."""
    try:
        return path.relative_to(DATA.parent.parent).as_posix()
    except ValueError:
        return str(path)


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
    return services


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
            source = f' <small>({escape(entry["source"])})</small>' if entry.get("source") else ""
            html.append(f'<li id="service-{escape(entry["id"])}"><strong>{escape(entry["name"][lang])}</strong>: '
                        f'{escape(entry["what"][lang])}{source}{extra}</li>')
        html.append("</ul>")
    return "".join(html)


def on_page_content(html, page, **kwargs):
    if MARKER not in html:
        return html
    first = page.file.url.split("/", 1)[0]
    lang = first if first in LANGUAGES[1:] else "en"
    return html.replace(MARKER, render_directory(load_services(), lang))
