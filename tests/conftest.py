"""Shared fixtures: the real site built once, a loopback HTTP server, and Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitebuilder import OFFLINE_ZIP, ROOT, build_offline_copy, build_site  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 360, "height": 740}
# What GitHub Pages sends with every file, hashed or not (so a browser may answer from its HTTP cache for ten minutes).
GITHUB_PAGES_CACHING = "max-age=600"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, not_found: Path | None = None, cache_control: str | None = None, **kwargs):
        self.not_found, self.cache_control = not_found, cache_control
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        # As GitHub Pages does: a missing address is answered with the site's own 404.html, status 404.
        if code != 404 or self.not_found is None or not self.not_found.is_file():
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        # LinkChecker keeps to about 3 requests a second unless the server sends this header; ours is a loopback
        # test server, so tests/test_links.py may crawl it at full speed (see tests/linkcheckerrc).
        self.send_header("LinkChecker", "test-server")
        if self.cache_control:
            self.send_header("Cache-Control", self.cache_control)
        super().end_headers()


class Server:
    """Serves a folder on loopback, optionally under a sub-path (as GitHub Pages serves a project site), optionally
    with GitHub Pages' caching header (GITHUB_PAGES_CACHING) on every answer."""

    def __init__(self, folder: Path, port: int, prefix: str = "", cache_control: str | None = None):
        root = folder
        if prefix:
            root = folder.parent / f"{folder.name}-served"
            (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
            if not (root / prefix.strip("/")).exists():
                os.symlink(folder, root / prefix.strip("/"))
        handler = functools.partial(QuietHandler, directory=str(root), not_found=folder / "404.html",
                                    cache_control=cache_control)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{port}/{prefix.strip('/') + '/' if prefix else ''}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


def serve_built(config_file: Path, tmp: Path, prefix: str = "",
                cache_control: str | None = None) -> tuple[Server, Path]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/{prefix.strip('/') + '/' if prefix else ''}"
    site = build_site(config_file, tmp / "site", site_url=url)
    return Server(site, port, prefix, cache_control), site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The project's own site, built strictly and served at the root of a loopback address."""
    server, site = serve_built(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real"))
    build_offline_copy(ROOT / "mkdocs.yml", site / "download" / OFFLINE_ZIP)  # as `make build` does
    yield server, site
    server.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


# Watches the messages between Material's page script and its search worker (also through the file:// copy's iframe
# shim, which replaces window.Worker), so a test knows when the results on screen answer the query it typed. It
# changes nothing they exchange. Added to every context the fixtures below make.
SEARCH_PROBE = """
(() => {
  const probe = window.__hrSearch = { sent: [], answered: 0 };
  function watched(Native) {
    return function (url, options) {
      const worker = new Native(url, options);
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message) => { if (message && message.type === 2) probe.sent.push(message.data); post(message); };
      worker.addEventListener("message", (event) => { if (event.data && event.data.type === 3) probe.answered++; });
      return worker;
    };
  }
  let current = watched(window.Worker);
  Object.defineProperty(window, "Worker", { configurable: true, get: () => current, set: (Native) => { current = watched(Native); } });
})();
"""


def phone_context(browser, **options):
    """A phone-sized context (360 px, touch) with the search probe; `options` go to Playwright's new_context."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options)
    context.add_init_script(SEARCH_PROBE)
    return context


@pytest.fixture
def phone(browser):
    """A fresh phone-sized browser context (empty storage) and its page."""
    context = phone_context(browser)
    page = context.new_page()
    yield page
    context.close()


def type_like_a_phone(page, selector, text):
    """Type as a phone's keyboard does: each letter arrives as text input between a key-down and a key-up whose key
    is "Unidentified" (keyCode 229), also for Georgian and Cyrillic letters. Playwright's `type` sends no key
    events for those letters, and Material searches on key-up."""
    page.focus(selector)
    cdp = page.context.new_cdp_session(page)
    try:
        for letter in text:
            key = {"key": "Unidentified", "code": "", "windowsVirtualKeyCode": 229, "nativeVirtualKeyCode": 229}
            cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **key})
            cdp.send("Input.insertText", {"text": letter})
            cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **key})
    finally:
        cdp.detach()


def search(page, query):
    """Open search, type `query` as a phone does, and return the result links on screen once they answer it.

    No retrying and no sleeping: SEARCH_PROBE tells when the worker has answered the last query Material sent, and
    Material sends the field's value after every key-up (and once more when its index is ready)."""
    if not page.evaluate("document.getElementById('__search').checked"):
        page.click("header label[for=__search]")
    page.click("input.md-search__input")  # a reader taps the field if the keyboard did not come up
    page.fill("input.md-search__input", "")
    type_like_a_phone(page, "input.md-search__input", query)
    page.wait_for_function("""query => {
        const probe = window.__hrSearch;
        return probe.sent.length > 0 && probe.sent[probe.sent.length - 1] === query && probe.answered >= probe.sent.length;
    }""", arg=query)
    return [link.get_attribute("href") for link in page.locator(".md-search-result__item > a").all() if link.is_visible()]


def answer_bank(page, bank, right=True, phase: str | None = None, point: int = 4) -> str:
    """Answer every question a quiz shows (a bank with `draw` shows some), all right or all wrong (or right only those
    whose ids are in `right`), and every statement with the point `point` of its scale, as a person would: ticking,
    typing and choosing; then press its check button and return the result it shows. `bank` is the quiz_plugin Bank
    the quiz was built from: the answers come from it. `phase`: the bank placed as the check before or after."""
    questions = {q.id: q for q in bank.leaf_questions()}
    form = f"#quiz-{bank.id}" + (f"-{phase}" if phase else "")
    shown = page.eval_on_selector_all(f"{form} .quiz__question",
                                      "qs => qs.filter(q => !q.closest('[hidden]')).map(q => q.dataset.question)")
    assert shown, f"no question shown in {form}"
    everything = right
    for qid in shown:
        q, box = questions[qid], f"{form}-{qid}"
        right = everything if isinstance(everything, bool) else qid in everything
        if q.type == "scale":
            page.check(f"{box} input[value='{point}']")
        elif q.type in ("single", "multiple"):
            wrong = [o.id for o in q.options if not o.correct]
            chosen = [o.id for o in q.options if o.correct] if right else wrong[:1]
            for option in q.options:
                if q.type == "multiple" or option.id in chosen:  # a radio is unchecked only by checking another
                    page.set_checked(f"{box} input[value='{option.id}']", option.id in chosen)
        elif q.type == "true-false":
            page.check(f"{box} input[value={'true' if q.answer == right else 'false'}]")
        elif q.type == "text":
            page.fill(f"{box} input[type=text]", q.accept[0] if right else "no idea")
        elif q.type == "order":
            count = len(q.items)
            for index, item in enumerate(q.items):
                position = index + 1 if right else (index + 1) % count + 1  # every item one place off
                page.select_option(f"{box}--{item.id}", str(position))
        elif q.type == "match":
            ids = [item.id for item in q.items]
            for index, item in enumerate(q.items):
                page.select_option(f"{box}--{item.id}", item.id if right else ids[(index + 1) % len(ids)])
    page.click(f"{form} .quiz__check")
    return page.inner_text(f"{form} .quiz__result")
