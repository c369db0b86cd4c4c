"""The interface in the page's language: no English left on a Georgian or Russian page.

- Material's strings the project corrects or adds (Material 9.8.1's Georgian file lacks "Initializing search",
  "Missing" and the header and footer labels, and its back-to-top label means "back to the title page"):
  `config.extra["theme_strings"]`, read first by overrides/partials/language.html, Material's own file after it.
- The project's own interface strings (`config.extra["interface"]`): the footer's "Made with" line
  (overrides/partials/copyright.html) and the heading anchors' title ("Permanent link", Python-Markdown's toc
  `permalink_title`, set for each language's build).
- The redirect stubs of mkdocs-redirects, written in English by the plugin: rewritten after the build in their
  folder's language, with the same redirect (hooks/i18n_site.py gives the plugin each language's redirects).

The strings of our scripts live with them (docs/assets/site.js, hooks/offline.py, quiz_plugin/strings.py, the 404
page in hooks/not_found.py); tests/test_interface_language.py walks every built Georgian and Russian page and fails on
interface text that is not in the page's language.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from i18n_site import DEFAULT_LANGUAGE, LANGUAGES, language_url  # hooks/ is on sys.path while hooks load

# Material's keys (partials/languages/<lang>.html) that the project sets; Material's own file gives the rest.
# What search shows while its field is empty ("search.result.placeholder") is hooks/search_assets.py's SEARCH_HINT.
THEME_STRINGS: dict[str, dict[str, str]] = {
    "en": {},
    "ka": {
        "header": "ზედა პანელი",
        "footer": "ქვედა პანელი",
        "top": "ზემოთ დაბრუნება",
        "search.result.initializer": "ძიების მომზადება…",
        "search.result.term.missing": "აკლია",
        "readtime.other": "# წუთი",
    },
    "ru": {
        "header": "Верхняя панель",
        "footer": "Нижняя панель",
        "search.result.initializer": "Подготовка поиска…",
    },
}

# The project's own interface strings.
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "permalink": "Permanent link",
        "made_with": "Made with {link}",
        "redirect_title": "This page has moved",
        "redirect_text": "This page has moved to a new address: {link}.",
        "redirect_link": "open the page",
    },
    "ka": {
        "permalink": "მუდმივი ბმული",
        "made_with": "შექმნილია {link}-ით",
        "redirect_title": "გვერდი გადავიდა",
        "redirect_text": "ეს გვერდი ახალ მისამართზე გადავიდა: {link}.",
        "redirect_link": "გვერდის გახსნა",
    },
    "ru": {
        "permalink": "Постоянная ссылка",
        "made_with": "Сделано на {link}",
        "redirect_title": "Страница переехала",
        "redirect_text": "Эта страница переехала на новый адрес: {link}.",
        "redirect_link": "открыть страницу",
    },
}

# mkdocs-redirects 1.2.3 writes this text in every stub; its absence means the plugin changed.
REDIRECTS_MARK = "You're being redirected to a"
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the configuration to this build's language
def on_config(config, **kwargs):
    language = config.theme["language"]
    config.extra["theme_strings"] = THEME_STRINGS.get(language, {})
    config.extra["interface"] = STRINGS.get(language, STRINGS[DEFAULT_LANGUAGE])
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = config.extra["interface"]["permalink"]
    return config


def redirect_stub(language: str, url: str) -> str:
    """A redirect page in one language, keeping what mkdocs-redirects' own does: the canonical link, the refresh,
    and the script that keeps the #anchor (the stubs are not pages, so hooks/csp.py gives them no policy).

    >>> 'lang="ka"' in redirect_stub("ka", "referral/index.html") and "გვერდი გადავიდა" in redirect_stub("ka", "x.html")
    True
    """
    strings = STRINGS[language]
    href = escape(url)
    link = f'<a href="{href}">{escape(strings["redirect_link"])}</a>'
    text = escape(strings["redirect_text"]).replace(escape("{link}"), link)
    return (f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{escape(strings["redirect_title"])}</title>\n<link rel="canonical" href="{href}">\n'
            f'<script>var anchor=window.location.hash.substr(1);location.href="{href}"+(anchor?"#"+anchor:"")</script>\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n</head>\n<body>\n<p>{text}</p>\n</body>\n</html>\n')


@event_priority(-110)  # after mkdocs-redirects (0) has written the stubs and mkdocs-static-i18n (-100) built all languages
def on_post_build(config, **kwargs):
    if config.plugins["i18n"].building or "redirects" not in config.plugins:
        return  # a nested language build: the other languages are not there yet
    site = Path(config.site_dir)
    for old in config.plugins["redirects"].config.get("redirect_maps", {}):
        for language in LANGUAGES:
            stub = site / language_url(old, language)
            stub = stub.with_suffix(".html") if stub.suffix == ".md" else stub
            if not stub.is_file():
                continue
            html = stub.read_text(encoding="utf-8")
            target = _CANONICAL.search(html)
            if REDIRECTS_MARK not in html or not target:
                raise PluginError(f"{stub}: not the redirect page mkdocs-redirects 1.2.3 writes; "
                                  "hooks/interface.py needs updating for this version")
            stub.write_text(redirect_stub(language, unescape(target.group(1))), encoding="utf-8")
