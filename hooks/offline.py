"""Offline reading, two ways.

1. On the published site, a service worker (hooks/assets/service_worker.js, written to the site root as sw.js)
   saves every file of the reader's language after the first visit: its pages, search index, sitemaps and the
   shared assets. Each language has a manifest, offline/<language>.json, whose version is a hash of the listed
   files' contents; sw.js carries all manifests, so publishing a change makes a new worker. docs/assets/site.js
   registers the worker and shows whether the language is available offline. For a page that is not saved, the
   worker shows a short page in the reader's language (OFFLINE_PAGE below).

2. A copy for the file system, built by a second build with the environment variable OFFLINE_COPY set to the path
   of the zip to write (`make build` does it): no service worker, search from <language>/search/search_index.js,
   and the search worker run through a local copy of the iframe-worker shim (Material's offline plugin loads it
   from a CDN; this project requests no third-party host). `config.extra["offline_copy"]` is True in that build,
   for other hooks; hooks/csp.py gives it a policy of its own (OFFLINE_POLICY).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from hashed_assets import hashed_uri  # hooks/ is on sys.path while hooks load
from i18n_site import DEFAULT_LANGUAGE, LANGUAGES, language_url

log = get_plugin_logger("offline")

ENVIRONMENT = "OFFLINE_COPY"  # path of the zip to write; set, this build is the file:// copy
ASSETS = Path(__file__).with_name("assets")
WORKER_TEMPLATE = ASSETS / "service_worker.js"
SHIM = ASSETS / "iframe-worker" / "shim.js"
SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"  # iframe-worker 1.0.4
SHIM_URI = "assets/javascripts/iframe-worker.js"  # published under a content-hashed name
LUNR = "assets/javascripts/lunr/"
NOT_SAVED = (".map", ".gz", ".zip")  # source maps, the compressed sitemap, downloads
SITE_FOLDERS = ("assets/", "offline/", "download/")  # not pages of the default language
DOWNLOAD_NOTE = re.compile(r'<p class="offline-download"[^>]*>.*?</p>\s*', re.S)
_IMPORT = re.compile(r'^[ \t]*importScripts\("([^"/]+)"\);?[ \t]*$', re.M)

# The page shown offline for a page that is not saved: title, text, and the link to the home page.
OFFLINE_PAGE = {
    "en": ("You are offline",
           "This page is not saved on this device yet. The pages of this site are saved for reading without a "
           "connection during your first visit with a connection.",
           "Go to the home page"),
    "ka": ("ინტერნეტთან კავშირი არ არის",
           "ეს გვერდი ამ მოწყობილობაზე ჯერ არ არის შენახული. საიტის გვერდები ინტერნეტის გარეშე წასაკითხად "
           "ინახება მაშინ, როცა საიტს პირველად ინტერნეტით ეწვევით.",
           "მთავარ გვერდზე გადასვლა"),
    "ru": ("Нет подключения к интернету",
           "Эта страница ещё не сохранена на этом устройстве. Страницы сайта сохраняются для чтения без "
           "интернета при первом посещении с подключением.",
           "Перейти на главную страницу"),
}


# --- Pure functions ---------------------------------------------------------------------------------------------

def lunr_files(search_languages: list[str]) -> list[str]:
    """The lunr scripts Material's search worker imports for these index languages (as its own code decides).

    >>> lunr_files(["en"])
    []
    >>> lunr_files(["ru", "en"])
    ['lunr.stemmer.support.min.js', 'lunr.ru.min.js', 'lunr.multi.min.js']
    """
    extra = []
    for lang in search_languages:
        if lang == "ja":
            extra.append("tinyseg.js")
        elif lang in ("hi", "th"):
            extra.append("wordcut.js")
        if lang != "en":
            extra.append(f"lunr.{lang}.min.js")
    if len(search_languages) > 1:
        extra.append("lunr.multi.min.js")
    return ["lunr.stemmer.support.min.js", *extra] if extra else []


def _lunr_path(name: str) -> str:
    return LUNR + name if name in ("tinyseg.js", "wordcut.js") else LUNR + "min/" + name


def saved_file(rel: str) -> bool:
    return not rel.endswith(NOT_SAVED) and rel != "sw.js"


def language_files(paths: list[str], lang: str) -> list[str]:
    """The files of one language among the site's files (relative to the site root), shared assets excluded.

    >>> language_files(["index.html", "ka/index.html", "assets/a.js", "cases/x.html", "sitemap.xml.gz"], "en")
    ['cases/x.html', 'index.html']
    >>> language_files(["index.html", "ka/index.html", "ka/search/search_index.json"], "ka")
    ['ka/index.html', 'ka/search/search_index.json']
    """
    others = tuple(f"{other}/" for other in LANGUAGES if other != DEFAULT_LANGUAGE)
    if lang == DEFAULT_LANGUAGE:
        chosen = [p for p in paths if not p.startswith(others + SITE_FOLDERS)]
    else:
        chosen = [p for p in paths if p.startswith(f"{lang}/")]
    return sorted(p for p in chosen if saved_file(p))


def shared_assets(paths: list[str], search_languages: list[str]) -> list[str]:
    """Files under assets/ that every page may use: all but source maps and the lunr languages not searched."""
    lunr = {_lunr_path(name) for name in lunr_files(search_languages)}
    return sorted(p for p in paths if p.startswith("assets/") and saved_file(p)
                  and (not p.startswith(LUNR) or p in lunr))


def content_version(site: Path, files: list[str]) -> str:
    """A hash of the listed files' names and contents: it changes whenever any of them does."""
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode() + b"\0" + (site / rel).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def offline_page(lang: str, stylesheets: list[str]) -> dict:
    """What the service worker shows for a page that is not saved, in one language (it writes the HTML itself, so
    the page exists even when nothing is saved). Links are relative to the site root.

    >>> offline_page("ka", ["assets/site.css"])["home"]
    'ka/index.html'
    """
    title, text, link = OFFLINE_PAGE[lang]
    return {"title": title, "text": text, "link": link, "home": language_url("index.html", lang),
            "stylesheets": stylesheets}


def inline_imports(worker: str, sibling) -> str:
    """Put sibling scripts that a worker imports into the worker itself.

    The iframe shim runs a worker as scripts of a hidden page, where importScripts() cannot load synchronously
    (nor relative to the worker). sibling(name) returns a script's text, or None to leave the import alone.

    >>> inline_imports('importScripts("a.js")\\nrun()', {"a.js": "var a = 1"}.get)
    'var a = 1\\nrun()'
    """
    def replace(match):
        text = sibling(match.group(1))
        return match.group(0) if text is None else text.rstrip("\n")
    return _IMPORT.sub(replace, worker)


def write_zip(folder: Path, target: Path, keep) -> int:
    """Zip `folder` under one top folder named like the zip, with fixed dates: the same site gives the same zip."""
    target.parent.mkdir(parents=True, exist_ok=True)
    top = target.name.removesuffix(".zip")
    count = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            if keep(rel):
                info = zipfile.ZipInfo(f"{top}/{rel}", date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
                count += 1
    return count


# --- MkDocs events -----------------------------------------------------------------------------------------------

def offline_copy_target() -> Path | None:
    value = os.environ.get(ENVIRONMENT, "").strip()
    return Path(value).resolve() if value else None


_shim: dict[str, bytes] = {}


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set up this language's configuration
def on_config(config, **kwargs):
    copy = offline_copy_target() is not None
    config.extra["offline_copy"] = copy
    if not copy:
        return config
    if config.use_directory_urls:
        raise PluginError(f"{ENVIRONMENT}: the file:// copy needs 'use_directory_urls: false' in mkdocs.yml")
    content = SHIM.read_bytes()
    if hashlib.sha256(content).hexdigest() != SHIM_SHA256:
        raise PluginError(f"{SHIM}: not the pinned iframe-worker 1.0.4 (sha256 differs); see its README.md")
    uri = hashed_uri(SHIM_URI, content)
    _shim.clear()
    _shim[uri] = content
    polyfills = config.extra.setdefault("polyfills", [])
    if uri not in polyfills:
        polyfills.append(uri)
    return config


@event_priority(-140)  # after hooks/search_assets.py (-130) has added its worker
def on_files(files, config, **kwargs):
    if not config.extra.get("offline_copy"):
        return files
    for uri, content in _shim.items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=content))
    worker_uri = config.extra.get("search_worker")
    worker = worker_uri and files.get_file_from_path(worker_uri)
    if worker:
        folder = worker_uri.rsplit("/", 1)[0]

        def sibling(name):
            file = files.get_file_from_path(f"{folder}/{name}")
            return file.content_string if file else None

        content = inline_imports(worker.content_string, sibling)
        files.remove(worker)
        files.append(File.generated(config, worker_uri, content=content))
    return files


def on_page_content(html, page, config, files, **kwargs):
    if config.extra.get("offline_copy"):
        return DOWNLOAD_NOTE.sub("", html)  # the copy does not offer itself for download
    return html


@event_priority(-120)  # after hooks/i18n_site.py (-110) has written the per-language search indexes
def on_post_build(config, **kwargs):
    if config.plugins["i18n"].building:
        return  # a nested language build: the other languages are not there yet
    site = Path(config.site_dir)
    target = offline_copy_target()
    if target is not None:
        _write_offline_copy(site, target)
    else:
        _write_service_worker(site, [str(path) for path in config.extra_css])


def _search_languages(site: Path, lang: str) -> list[str]:
    index = site / language_url("search/search_index.json", lang)
    if not index.exists():
        return []
    return json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"])


def _site_paths(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _write_service_worker(site: Path, extra_css: list[str]) -> None:
    stylesheets = sorted(p.relative_to(site).as_posix() for p in (site / "assets" / "stylesheets").glob("main.*.css"))
    (site / "offline").mkdir(exist_ok=True)
    paths = _site_paths(site)
    manifests = {}
    for lang in LANGUAGES:
        files = language_files(paths, lang) + shared_assets(paths, _search_languages(site, lang))
        manifest = {"language": lang, "version": content_version(site, files),
                    "fallback": offline_page(lang, stylesheets + extra_css), "files": files}
        (site / "offline" / f"{lang}.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        manifests[lang] = manifest
    data = json.dumps({"defaultLanguage": DEFAULT_LANGUAGE, "languages": manifests}, ensure_ascii=False)
    template = WORKER_TEMPLATE.read_text(encoding="utf-8")
    worker, count = re.subn(r"/\*SITE\*/.*?/\*SITE\*/", lambda _: data, template, flags=re.S)
    if count != 1:
        raise PluginError(f"{WORKER_TEMPLATE}: expected one /*SITE*/ ... /*SITE*/ placeholder, found {count}")
    (site / "sw.js").write_text(worker, encoding="utf-8")
    sizes = {lang: sum((site / f).stat().st_size for f in m["files"]) // 1024 for lang, m in manifests.items()}
    log.info("service worker: saves " + ", ".join(f"{lang} {kb} KiB" for lang, kb in sizes.items()))


def _write_offline_copy(site: Path, target: Path) -> None:
    searched: set[str] = set()
    for lang in LANGUAGES:
        index = site / language_url("search/search_index.json", lang)
        if index.exists():
            # Material's search reads this script instead of fetching the JSON, which file:// forbids.
            index.with_suffix(".js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
            searched.update(_search_languages(site, lang))
    lunr = {_lunr_path(name) for name in lunr_files(sorted(searched))}
    count = write_zip(site, target, lambda rel: saved_file(rel) and (not rel.startswith(LUNR) or rel in lunr))
    log.info(f"offline copy: {count} files in {target} ({target.stat().st_size // 1024} KiB)")
