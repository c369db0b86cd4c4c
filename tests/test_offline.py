"""Offline reading in Debian's Chromium: the service worker after a first visit (at a domain root and under a
project sub-path), a new version arriving without a stale mix, and the file:// copy in the downloadable zip."""

from __future__ import annotations

import functools
import json
import re
import zipfile
from urllib.parse import urlsplit

import pytest

from conftest import GITHUB_PAGES_CACHING, QuietHandler, Server, free_port, phone_context, search, serve_built
from sitebuilder import OFFLINE_ZIP, ROOT, build_site, make_site, page

HASHED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?[a-z]+$")  # as hooks/assets/service_worker.js tells them apart

READY = {"en": "Available offline on this device", "ka": "ხელმისაწვდომია ინტერნეტის გარეშეც",
         "ru": "Доступно без интернета на этом устройстве"}

BANK = """\
id: demo
title: Demo quiz
pass_mark: 70
questions:
  - {id: one, type: single, prompt: "Pick A", options: [{id: a, text: "A", correct: true}, {id: b, text: "B"}]}
  - {id: tf, type: true-false, prompt: "Naloxone is safe", answer: true}
"""
PAGES = {
    "index.md": {
        "en": page("Home", "# Home {#home}\n\nRead the [guide](guide.md).\n"),
        "ka": page("მთავარი", "# მთავარი {#home}\n\nწაიკითხეთ [სახელმძღვანელო](guide.md).\n"),
        "ru": page("Главная", "# Главная {#home}\n\nПрочитайте [руководство](guide.md).\n"),
    },
    "guide.md": {
        "en": page("Guide", "# Guide {#guide}\n\nCall an ambulance for an overdose. Version one.\n\n<!-- quiz: demo -->\n"),
        "ka": page("სახელმძღვანელო", "# სახელმძღვანელო {#guide}\n\nზედოზირებისას გამოიძახეთ სასწრაფო დახმარება.\n\n<!-- quiz: demo -->\n"),
        "ru": page("Руководство", "# Руководство {#guide}\n\nВызовите скорую помощь.\n\n<!-- quiz: demo -->\n"),
    },
    "more.md": {
        "en": page("More", "# More {#more}\n\nMore text.\n"),
        "ka": page("მეტი", "# მეტი {#more}\n\nმეტი ტექსტი.\n"),
        "ru": page("Ещё", "# Ещё {#more}\n\nЕщё текст.\n"),
    },
}


class RecordingHandler(QuietHandler):
    """Notes every path the server is asked for: what a reader's browser really downloads."""

    def log_request(self, code="-", size="-"):
        self.server.paths.append(self.path)


def record_requests(server: Server) -> list[str]:
    keywords = server.httpd.RequestHandlerClass.keywords  # the folder, the 404 page, the caching header
    server.httpd.RequestHandlerClass = functools.partial(RecordingHandler, **keywords)
    server.httpd.paths = []
    return server.httpd.paths


@pytest.fixture
def context(browser):
    """A fresh phone context; service workers are allowed (Playwright's default)."""
    context = phone_context(browser, service_workers="allow")
    yield context
    context.close()


def wait_until_saved(tab, language):
    note = tab.wait_for_selector(".offline-status[data-status=ready]", timeout=90_000)
    assert note.inner_text() == READY[language]
    assert note.is_visible() and note.get_attribute("role") == "status"


def our_caches(tab) -> list[str]:
    return sorted(tab.evaluate("caches.keys()"))


def caches_once_saved(tab, wanted: list[str]) -> list[str]:
    """The caches when they are the wanted ones, looked at again after each message of the service worker (it sends
    one when it has saved a language and deleted the older versions), or after 90 s at most."""
    return sorted(tab.evaluate("""async (wanted) => {
      const limit = new Promise((resolve) => setTimeout(resolve, 90000, "limit"));
      for (;;) {
        const message = new Promise((resolve) => navigator.serviceWorker.addEventListener("message", resolve, {once: true}));
        const names = (await caches.keys()).sort();
        if (JSON.stringify(names) === JSON.stringify(wanted)) return names;
        if (await Promise.race([message, limit]) === "limit") return names;
      }
    }""", wanted))


def take_quiz(tab, form):
    """Answer every question (the first choice each time), check, and return the result line a reader sees."""
    for question in tab.query_selector_all(f"{form} fieldset[data-type]"):
        kind = question.get_attribute("data-type")
        if kind in ("single", "multiple", "true-false"):
            question.query_selector("input").check()
        elif kind == "text":
            question.query_selector("input[type=text]").fill("naloxone")
        elif kind in ("order", "match"):
            for select in question.query_selector_all("select"):
                select.select_option(index=1)
    tab.click(f"{form} .quiz__check")
    return tab.inner_text(f"{form} .quiz__result")


@pytest.mark.browser
def test_georgian_reader_reads_searches_and_takes_a_quiz_offline(real_site, context):
    server, _ = real_site
    tab = context.new_page()
    tab.goto(server.url + "ka/index.html")
    wait_until_saved(tab, "ka")
    context.set_offline(True)
    # By link (Material's instant navigation fetches the page) and by address (a full page load).
    tab.click("article a[href$='/ka/training/index.html']")
    tab.wait_for_url(re.compile(r"/ka/training/index\.html$"))
    assert tab.inner_text("article h1")
    tab.goto(server.url + "ka/cases/vancouver-insite.html")
    assert "Insite" in tab.inner_text("article")
    tab.goto(server.url + "ka/index.html")
    hrefs = search(tab, "Insite")  # a name written in Latin letters on the Georgian pages
    assert any(urlsplit(h).path == "/ka/cases/vancouver-insite.html" for h in hrefs), hrefs
    tab.goto(server.url + "ka/training/lesson-1.html")
    assert "%" in take_quiz(tab, "#quiz-lesson-1")
    chosen = tab.get_attribute("#quiz-lesson-1 fieldset[data-type] input:checked", "value")
    tab.reload()  # still offline: the saved page, and the progress kept in this browser
    assert "%" in tab.inner_text("#quiz-lesson-1 .quiz__best")
    assert tab.get_attribute("#quiz-lesson-1 fieldset[data-type] input:checked", "value") == chosen
    # A page that is not saved (the English site): a page in Georgian that says so, with a way back.
    tab.goto(server.url + "training/lesson-1.html")
    assert "ინტერნეტთან კავშირი არ არის" in tab.inner_text("h1")
    tab.click("a.md-button")
    tab.wait_for_url(re.compile(r"/ka/index\.html$"))
    assert tab.evaluate("document.documentElement.lang") == "ka"


@pytest.mark.browser
def test_with_data_saver_on_nothing_is_saved_until_the_reader_asks(real_site, context):
    server, _ = real_site
    context.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    # Every message the page sends its service worker is noted: asking it to save is the only way a page saves.
    context.add_init_script("""
      window.sentToWorker = [];
      const post = ServiceWorker.prototype.postMessage;
      ServiceWorker.prototype.postMessage = function (message, ...rest) {
        window.sentToWorker.push(message);
        return post.call(this, message, ...rest);
      };""")
    tab = context.new_page()
    tab.goto(server.url + "ru/index.html")
    button = tab.locator(".offline-status button")
    button.wait_for(timeout=30_000)
    assert button.inner_text() == "Сохранить сайт для чтения без интернета"
    # The page would ask once its worker is ready and again when the worker takes control; both moments have passed
    # (and the page's own handlers, registered first, have run) when this resolves.
    tab.evaluate("""async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, {once: true}));
      }
      await new Promise((resolve) => setTimeout(resolve));
    }""")
    assert tab.evaluate("window.sentToWorker") == []  # the page is shown; it has not asked to save anything
    assert our_caches(tab) == []
    button.click()
    wait_until_saved(tab, "ru")
    assert tab.evaluate("window.sentToWorker") == [{"type": "save-language", "language": "ru"}]
    assert len(our_caches(tab)) == 1


@pytest.mark.browser
def test_offline_under_a_project_sub_path(tmp_path, context):
    server, _ = serve_built(make_site(tmp_path, PAGES, {"demo": BANK}), tmp_path, prefix="repo",
                            cache_control=GITHUB_PAGES_CACHING)
    try:
        tab = context.new_page()
        tab.goto(server.url + "ka/index.html")
        wait_until_saved(tab, "ka")
        scope = tab.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == server.url  # the worker covers the whole project site, and only it
        context.set_offline(True)
        tab.click("article a[href$='/repo/ka/guide.html']")
        tab.wait_for_url(re.compile(r"/repo/ka/guide\.html$"))
        tab.goto(server.url + "ka/more.html")
        assert "მეტი ტექსტი" in tab.inner_text("article")
        tab.goto(server.url + "ka/")  # the folder address means its index.html, offline too
        assert "მთავარი" in tab.inner_text("article h1")
        hrefs = search(tab, "სასწრაფო")
        assert any(urlsplit(h).path == "/repo/ka/guide.html" for h in hrefs), hrefs
        tab.goto(server.url + "ka/guide.html")
        assert "%" in take_quiz(tab, "#quiz-demo")
        tab.reload()
        assert "%" in tab.inner_text("#quiz-demo .quiz__best")
    finally:
        server.close()


@pytest.mark.browser
def test_a_repeat_visit_downloads_no_asset_and_a_new_version_arrives_whole(tmp_path, context):
    config = make_site(tmp_path, PAGES, {"demo": BANK})
    # As in mkdocs.yml: the site's own icon (hashed by hooks/hashed_assets.py), not Material's default one.
    config.write_text(config.read_text(encoding="utf-8").replace("  font: false\n", "  font: false\n  favicon: assets/favicon.svg\n"), encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = build_site(config, tmp_path / "site", site_url=url)
    server = Server(site, port, cache_control=GITHUB_PAGES_CACHING)  # as published: the browser may cache anything
    downloads = record_requests(server)
    try:
        tab = context.new_page()
        tab.goto(url + "guide.html")
        wait_until_saved(tab, "en")
        first = json.loads((site / "offline" / "en.json").read_text(encoding="utf-8"))
        assert our_caches(tab) == [f"hr-offline-en-{first['version']}"]

        # A repeat visit: the page from the network (asked past the browser's HTTP cache, which holds the copy the
        # worker saved), every shared asset from the worker's cache.
        downloads.clear()
        from_worker = {}
        tab.on("response", lambda r: "/assets/" in r.url and from_worker.setdefault(r.url, r.from_service_worker))
        tab.goto(url + "more.html")
        assert "/more.html" in downloads
        assert not [path for path in downloads if path.startswith("/assets/")], downloads
        assert from_worker and all(from_worker.values()), from_worker

        # Publish a new version: new text, and a changed stylesheet (so a new file name).
        docs = tmp_path / "docs"
        guide = docs / "en" / "guide.md"
        guide.write_text(guide.read_text(encoding="utf-8").replace("Version one.", "Version two."), encoding="utf-8")
        with open(docs / "assets" / "site.css", "a", encoding="utf-8") as css:
            css.write("\n.md-typeset h1 { letter-spacing: 3px; }\n")
        build_site(config, site, site_url=url)
        second = json.loads((site / "offline" / "en.json").read_text(encoding="utf-8"))
        assert second["version"] != first["version"]

        tab.goto(url + "guide.html")  # the next visit with a network
        assert "Version two." in tab.inner_text("article")
        assert tab.evaluate("getComputedStyle(document.querySelector('article h1')).letterSpacing") == "3px"
        used = tab.evaluate("[...document.styleSheets].map(s => s.href).concat([...document.scripts].map(s => s.src))")
        used = [urlsplit(href).path.lstrip("/") for href in used if href]
        assert used and all(path in second["files"] for path in used), used  # nothing of the old version
        # The new version is saved and the old one deleted (the new worker then says so to the page).
        assert caches_once_saved(tab, [f"hr-offline-en-{second['version']}"]) == [f"hr-offline-en-{second['version']}"]
        context.set_offline(True)
        tab.reload()
        assert "Version two." in tab.inner_text("article")
        assert tab.evaluate("getComputedStyle(document.querySelector('article h1')).letterSpacing") == "3px"
    finally:
        server.close()


@pytest.mark.browser
def test_offline_copy_opens_from_the_file_system_without_any_network(real_site, tmp_path, context):
    _, site = real_site  # its download/ holds the zip, built as `make build` builds it
    with zipfile.ZipFile(site / "download" / OFFLINE_ZIP) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "unzipped")
    assert all(name.startswith("police-harm-reduction-offline/") for name in names)
    assert not [name for name in names if name.endswith(("sw.js", ".map"))]
    root = tmp_path / "unzipped" / "police-harm-reduction-offline"
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    tab = context.new_page()

    tab.goto((root / "index.html").as_uri())
    assert tab.query_selector(".offline-download") is None  # the copy does not offer itself for download
    tab.click("article a[href$='training/index.html']")
    tab.wait_for_url(re.compile(r"/police-harm-reduction-offline/training/index\.html$"))
    tab.goto((root / "training" / "lesson-1.html").as_uri())
    assert "%" in take_quiz(tab, "#quiz-lesson-1")
    tab.reload()
    assert "%" in tab.inner_text("#quiz-lesson-1 .quiz__best")
    # Search in each language: Georgian, and Russian, whose search worker also loads lunr's stemmers.
    for folder, query, expected in (("ka", "Insite", "ka/cases/vancouver-insite.html"),
                                    ("ru", "полиция", "ru/")):
        tab.goto((root / folder / "index.html").as_uri())
        hrefs = search(tab, query)
        assert any(expected in href for href in hrefs), (query, hrefs)
    assert requests and all(url.startswith("file:") for url in requests), [u for u in requests if not u.startswith("file:")]


# --- The build's output, without a browser ----------------------------------------------------------------------

def test_shared_assets_have_content_hashed_names(real_site):
    _, site = real_site
    for original in ("assets/site.css", "assets/site.js", "assets/favicon.svg"):
        assert not (site / original).exists(), original
    for home in ("index.html", "ka/index.html", "ru/index.html"):
        html = (site / home).read_text(encoding="utf-8")
        used = re.findall(r'(?:href|src)="((?:\.\./)?assets/[^"]+)"', html)
        assert len(used) >= 6, used  # Material's CSS and bundle, the site's and the quiz's CSS and JS, the icon
        assert all(HASHED.search(path) for path in used), used
        # No palette stylesheet (render-blocking) and no palette script (it throws where storage is blocked).
        assert "palette" not in html


def test_each_language_manifest_lists_its_own_pages_and_the_worker_knows_its_version(real_site):
    _, site = real_site
    worker = (site / "sw.js").read_text(encoding="utf-8")
    for lang, pages in (("en", [p for p in site.glob("**/*.html") if p.relative_to(site).parts[0] not in ("ka", "ru")]),
                        ("ka", list((site / "ka").glob("**/*.html"))), ("ru", list((site / "ru").glob("**/*.html")))):
        manifest = json.loads((site / "offline" / f"{lang}.json").read_text(encoding="utf-8"))
        files = set(manifest["files"])
        assert {p.relative_to(site).as_posix() for p in pages} <= files
        others = [f for f in files if f.split("/")[0] in ("en", "ka", "ru") and f.split("/")[0] != lang]
        assert not others, others
        if lang != "en":
            assert all(f.startswith((f"{lang}/", "assets/")) for f in files), files
        search_index = "search/search_index.json" if lang == "en" else f"{lang}/search/search_index.json"
        assert {search_index, "sitemap.xml" if lang == "en" else f"{lang}/sitemap.xml"} <= files
        assert any(f.startswith("assets/javascripts/bundle.") for f in files)
        assert not [f for f in files if f.endswith(".map") or f == "sw.js"]
        assert f'"version": "{manifest["version"]}"' in worker


def test_home_pages_link_the_zip_that_make_build_writes(real_site):
    _, site = real_site
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"OFFLINE_COPY=$(abspath $(SITE).tmp)/download/{OFFLINE_ZIP}" in makefile
    for home, prefix in (("index.html", ""), ("ka/index.html", "../"), ("ru/index.html", "../")):
        assert f'href="{prefix}download/{OFFLINE_ZIP}"' in (site / home).read_text(encoding="utf-8"), home
    assert (site / "download" / OFFLINE_ZIP).stat().st_size > 500_000
