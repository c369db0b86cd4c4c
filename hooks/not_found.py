"""A 404 page for every language, in the one file GitHub Pages serves: the root 404.html.

GitHub Pages answers every missing address with the site's root 404.html, also in a language folder and under a
project sub-path (/<repository>/ka/...). So the page carries the three languages, each with its own heading, a search
box (it opens search on that language's home page: Material reads `?q=`) and a link home, and a small script file
(hooks/assets/not_found.js, in the <head>, before anything is drawn) shows the language of the address. No inline
script (hooks/csp.py gives the page its policy), no request to any other page or host. Without JavaScript all three
are shown, English first. Links are absolute paths from the site's address (`site_url`), as the page is served at
any depth.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from csp import with_policy  # hooks/ is on sys.path while hooks load
from hashed_assets import hashed_uri
from i18n_site import DEFAULT_LANGUAGE, LANGUAGES, language_url

SCRIPT = Path(__file__).with_name("assets") / "not_found.js"
SCRIPT_URI = "assets/javascripts/not-found.js"  # published under a content-hashed name

TEXT = {
    "en": {"title": "Page not found",
           "text": "There is no page at this address. It may have moved, or the address may be mistyped.",
           "search": "Search this site", "button": "Search", "home": "Go to the home page"},
    "ka": {"title": "გვერდი ვერ მოიძებნა",
           "text": "ამ მისამართზე გვერდი არ არის. შესაძლოა, ის სხვა მისამართზე გადავიდა, ან მისამართი შეცდომით "
                   "არის აკრეფილი.",
           "search": "საიტზე ძებნა", "button": "ძებნა", "home": "მთავარ გვერდზე გადასვლა"},
    "ru": {"title": "Страница не найдена",
           "text": "По этому адресу страницы нет. Возможно, она переехала или в адресе есть опечатка.",
           "search": "Поиск по сайту", "button": "Найти", "home": "Перейти на главную страницу"},
}


def site_root(site_url: str | None) -> str:
    """The path the site is published under: 'https://example.org/repo/' -> '/repo/'.

    >>> site_root("https://example.org/police-harm-reduction"), site_root(None)
    ('/police-harm-reduction/', '/')
    """
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def not_found_page(root: str, site_names: dict[str, str], stylesheets: list[str], favicon: str, script: str) -> str:
    """The page, with links absolute from `root`; `site_names` per language; asset paths relative to the site root.

    >>> html = not_found_page("/repo/", {"en": "S", "ka": "ს", "ru": "С"}, ["assets/a.css"], "assets/f.svg", "assets/n.js")
    >>> 'action="/repo/ka/index.html"' in html and 'data-site-root="/repo/"' in html and "<script>" not in html
    True
    """
    sections = []
    for lang in LANGUAGES:
        text, home = TEXT[lang], root + language_url("index.html", lang)
        field = f"not-found-query-{lang}"
        sections.append(
            f'<section class="not-found__language" lang="{lang}">'
            f'<p class="not-found__site"><a href="{escape(home)}">{escape(site_names[lang])}</a></p>'
            f"<h1>{escape(text['title'])}</h1><p>{escape(text['text'])}</p>"
            f'<form class="not-found__search" action="{escape(home)}" method="get" role="search">'
            f'<label for="{field}">{escape(text["search"])}</label>'
            f'<input id="{field}" type="search" name="q" required autocomplete="off">'
            f'<button type="submit" class="md-button md-button--primary">{escape(text["button"])}</button></form>'
            f'<p><a class="md-button" href="{escape(home)}">{escape(text["home"])}</a></p></section>')
    titles = "".join(f' data-title-{lang}="{escape(TEXT[lang]["title"] + " – " + site_names[lang])}"'
                     for lang in LANGUAGES)
    links = "".join(f'<link rel="stylesheet" href="{escape(root + sheet)}">' for sheet in stylesheets)
    return (f'<!doctype html>\n<html lang="{DEFAULT_LANGUAGE}" data-site-root="{escape(root)}" '
            f'data-languages="{" ".join(LANGUAGES)}"{titles}>\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f'<title>{escape(TEXT[DEFAULT_LANGUAGE]["title"] + " – " + site_names[DEFAULT_LANGUAGE])}</title>\n'
            f'<meta name="robots" content="noindex">\n'
            f'<link rel="icon" href="{escape(root + favicon)}">\n{links}\n'
            f'<script src="{escape(root + script)}"></script>\n</head>\n'
            f'<body><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">'
            f'<article class="md-content__inner md-typeset not-found">{"".join(sections)}</article>'
            f"</div></div></main></body>\n</html>\n")


_site_names: dict[str, str] = {}  # language -> the site's name in it, seen as each language's build starts


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the configuration to this build's language
def on_config(config, **kwargs):
    _site_names[config.theme["language"]] = config.site_name
    return config


@event_priority(-115)  # after mkdocs-static-i18n has built every language; before hooks/offline.py (-120) lists files
def on_post_build(config, **kwargs):
    if config.plugins["i18n"].building or config.extra.get("offline_copy"):
        return  # a nested language build; or the file:// copy, which no server answers with a 404
    site = Path(config.site_dir)
    content = SCRIPT.read_bytes()
    script = hashed_uri(SCRIPT_URI, content)
    (site / script).parent.mkdir(parents=True, exist_ok=True)
    (site / script).write_bytes(content)
    stylesheets = sorted(p.relative_to(site).as_posix() for p in (site / "assets" / "stylesheets").glob("main.*.css"))
    stylesheets += [str(sheet) for sheet in config.extra_css]
    html = not_found_page(site_root(config.site_url), {lang: _site_names.get(lang, config.site_name) for lang in LANGUAGES}, stylesheets,
                          config.theme.get("favicon") or "", script)
    if config.extra.get("csp", True):
        html = with_policy(html)
    (site / "404.html").write_text(html, encoding="utf-8")
    for lang in LANGUAGES:  # one page serves every language: no other 404 page is left to drift from it
        other = site / lang / "404.html"
        if lang != DEFAULT_LANGUAGE and other.exists():
            other.unlink()

