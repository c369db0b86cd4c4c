"""Injection attempts in question banks and in page front matter, in a real build and in Debian's Chromium: nothing
runs, the text is shown as written (or rendered as Markdown, or the build refuses it, naming the bank), and the
quiz still works.

The fixture site is built with the Content-Security-Policy hook switched off (`extra.csp: false`): the policy blocks
event handlers and javascript: links, and would hide a sanitiser bug. The pages must be safe without it.
"""

from __future__ import annotations

import html
import json
import re

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from conftest import Server, free_port
from injection_corpus import PAYLOADS, indexes, payload
from quiz_plugin.loader import load_bank_text
from quiz_plugin.render import render_bank
from quiz_plugin.safe_markdown import SafeMarkdown
from sitebuilder import build_site, make_site, page

pytestmark = pytest.mark.browser

IN_SITE = indexes("shown", "markdown")
GROUPS = [IN_SITE[start:start + 11] for start in range(0, len(IN_SITE), 11)]
TRAP = """(() => {
  window.__pwnedLog = [];
  const record = (value) => { window.__pwnedLog.push(String(value)); };
  Object.defineProperty(window, "__pwned", {set: record, get: () => window.__pwnedLog[0], configurable: false});
})()"""


def words(text: str) -> str:
    """Text with all runs of whitespace as one space, as a reader sees it."""
    return " ".join(text.split())


def scenario(i: int) -> dict:
    """Payload number i in every text field of every question type."""
    p = payload(i)
    q = f"p{i}"
    return {
        "id": q, "type": "scenario", "scenario": p, "explanation": p,
        "questions": [
            {"id": f"{q}-single", "type": "single", "prompt": p, "explanation": p,
             "options": [{"id": "a", "text": p, "correct": True, "feedback": p}, {"id": "b", "text": "Other", "feedback": p}]},
            {"id": f"{q}-multiple", "type": "multiple", "prompt": p, "explanation": p,
             "options": [{"id": "a", "text": p, "correct": True, "feedback": p}, {"id": "b", "text": "Other"}]},
            {"id": f"{q}-tf", "type": "true-false", "prompt": p, "answer": True, "explanation": p},
            {"id": f"{q}-text", "type": "text", "prompt": p, "accept": [p, "fallback"], "explanation": p},
            {"id": f"{q}-order", "type": "order", "prompt": p, "explanation": p,
             "items": [{"id": "first", "text": p}, {"id": "second", "text": "Second"}]},
            {"id": f"{q}-match", "type": "match", "prompt": p, "explanation": p,
             "pairs": [{"id": "x", "left": p, "right": p}, {"id": "y", "left": "Y", "right": "Why"}]},
        ],
    }


def bank_yaml(bank_id: str, group: list[int]) -> str:
    bank = {"id": bank_id, "title": " ".join(payload(i) for i in group), "questions": [scenario(i) for i in group]}
    return yaml.safe_dump(bank, allow_unicode=True, sort_keys=False)


def front_matter(group: list[int], body: str) -> str:
    """Every front-matter field the theme prints, holding the group's payloads."""
    text = " ".join(payload(i) for i in group)
    fields = {"title": text, "description": text, "author": text, "subtitle": text}
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n\n" + body


def inject_page(g: int) -> str:
    return front_matter(GROUPS[g], f"# Quiz {g} {{#quiz-{g}}}\n\n<!-- quiz: inject-{g} -->\n")


# A page whose author wrote raw HTML on purpose (pages may; banks may not): it proves that the trap sees a payload run.
CONTROL = page("Control", '# Control {#control}\n\n<img src="x" onerror="window.__pwned=99">\n\n<script>alert("control")</script>\n')


def with_site_extensions(config):
    """The real site's Markdown extensions that the small test sites leave out (footnotes change what
    `[^1]: <x>` means)."""
    text = config.read_text(encoding="utf-8")
    assert "  - abbr\n" in text
    config.write_text(text.replace("  - abbr\n", "  - abbr\n  - def_list\n  - footnotes\n  - tables\n"), encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def inject_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inject")
    pages = {"index.md": page("Home", "# Home {#home}\n\nHello.\n"), "control.md": CONTROL}
    pages.update({f"inject-{g}.md": inject_page(g) for g in range(len(GROUPS))})
    banks = {f"inject-{g}": bank_yaml(f"inject-{g}", group) for g, group in enumerate(GROUPS)}
    config = with_site_extensions(make_site(folder, pages, banks))
    port = free_port()
    site = build_site(config, folder / "site", site_url=f"http://127.0.0.1:{port}/", extra={"csp": False})
    server = Server(site, port)
    yield server, site
    server.close()


@pytest.fixture
def trapped(browser):
    """A phone-sized page that records any payload that runs: window.__pwned, dialogs, and uncaught errors."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    context.add_init_script(TRAP)
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def assert_nothing_ran(tab):
    tab.wait_for_timeout(300)  # image errors and toggle events fire after load
    assert tab.evaluate("window.__pwnedLog") == [], "a payload ran"
    assert tab.evaluate("window.__pwned") is None
    assert tab.dialogs == []
    assert tab.errors == [], "the page's scripts failed"


def test_the_trap_catches_a_payload_that_runs(inject_site, trapped):
    server, _ = inject_site
    trapped.goto(server.url + "control.html")
    trapped.wait_for_timeout(300)
    assert set(trapped.evaluate("window.__pwnedLog")) == {"99"}
    assert trapped.dialogs == ["control"]


ANSWER_ALL_RIGHT = """(form) => {
  const set = (selector, apply) => form.querySelectorAll(selector).forEach((el) => {
    apply(el); el.dispatchEvent(new Event("input", {bubbles: true})); el.dispatchEvent(new Event("change", {bubbles: true}));
  });
  set("[data-type=single] input[value=a], [data-type=multiple] input[value=a], [data-type=true-false] input[value=true]",
      (el) => { el.checked = true; });
  set("[data-type=text] input[type=text]", (el) => { el.value = "fallback"; });
  set("[data-type=order] [data-item=first] select", (el) => { el.value = "1"; });
  set("[data-type=order] [data-item=second] select", (el) => { el.value = "2"; });
  set("[data-type=match] [data-item=x] select", (el) => { el.value = "x"; });
  set("[data-type=match] [data-item=y] select", (el) => { el.value = "y"; });
  return form.querySelectorAll(".quiz__question").length;
}"""

# Anything in the quiz that could run: event handler attributes, links to other schemes, elements that load or run.
DANGER_IN_QUIZ = """(form) => {
  const found = [];
  for (const el of form.querySelectorAll("*")) {
    for (const attr of el.attributes) if (/^on/i.test(attr.name)) found.push(el.tagName + " " + attr.name);
    for (const name of ["href", "src", "action", "formaction", "data", "srcdoc"]) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const url = new URL(value, location.href);
      if (!["http:", "https:", "mailto:"].includes(url.protocol)) found.push(el.tagName + " " + name + "=" + value);
      if (name === "src" && url.origin !== location.origin) found.push("remote " + value);
    }
  }
  for (const el of form.querySelectorAll("script, style, iframe, object, embed, form, base, meta, link, svg, math, template"))
    found.push(el.tagName);
  return found;
}"""


@pytest.mark.parametrize("g", range(len(GROUPS)))
def test_bank_payloads_never_run_and_the_quiz_still_works(inject_site, trapped, g):
    server, _ = inject_site
    group = GROUPS[g]
    trapped.goto(server.url + f"inject-{g}.html")
    form = trapped.locator(f"#quiz-inject-{g}")
    assert form.count() == 1
    assert form.evaluate(DANGER_IN_QUIZ) == []
    # The bank title is plain text: every payload in it is shown exactly as written.
    assert words(form.locator(".quiz__title").inner_text()) == words(" ".join(payload(i) for i in group))
    for i in group:
        vignette = words(trapped.locator(f"#quiz-inject-{g}-p{i} .quiz__vignette").inner_text())
        if PAYLOADS[i][2] == "shown":
            assert words(html.unescape(payload(i))) in vignette, PAYLOADS[i][0]
        accepted = trapped.locator(f"#quiz-inject-{g}-p{i}-text .quiz__answer").text_content()
        assert words(payload(i)) in words(accepted), PAYLOADS[i][0]
    # A trainee answers, checks, and reads the review with its feedback: the quiz grades as if the text were plain.
    assert form.evaluate(ANSWER_ALL_RIGHT) == 6 * len(group)
    form.locator(".quiz__check").click()
    assert f"{6 * len(group)} of {6 * len(group)} (100%)" in form.locator(".quiz__result").inner_text()
    form.evaluate("(form) => form.querySelectorAll('details').forEach((d) => { d.open = true; })")
    for summary in form.locator(".quiz__answer summary").all()[:3]:
        summary.click()
    # Answering a text question with the payload itself: the answer key survived the page intact.
    form.locator(".quiz__retry").click()
    first = group[0]
    trapped.fill(f"#quiz-inject-{g}-p{first}-text input[type=text]", payload(first))
    form.locator(".quiz__check").click()
    verdict = trapped.locator(f"#quiz-inject-{g}-p{first}-text .quiz__verdict").inner_text()
    assert verdict.strip() and "Correct" in verdict, verdict
    assert form.evaluate(DANGER_IN_QUIZ) == []
    assert_nothing_ran(trapped)


@pytest.mark.parametrize("g", range(len(GROUPS)))
def test_front_matter_payloads_are_shown_as_text_in_title_meta_and_navigation(inject_site, trapped, g):
    server, site = inject_site
    text = words(html.unescape(" ".join(payload(i) for i in GROUPS[g])))
    raw = " ".join(payload(i) for i in GROUPS[g])
    trapped.goto(server.url + f"inject-{g}.html")
    assert words(trapped.title()).startswith(words(raw)), trapped.title()
    head = trapped.evaluate("""() => ({
      description: document.querySelector('meta[name=description]').content,
      author: document.querySelector('meta[name=author]').content,
      ogTitle: document.querySelector('meta[property="og:title"]').content,
      ogDescription: document.querySelector('meta[property="og:description"]').content,
      headScripts: [...document.head.querySelectorAll('script:not([src])')].map((s) => s.textContent).join('\\n'),
    })""")
    for field in ("description", "author", "ogTitle", "ogDescription"):
        assert words(head[field]) == words(raw), field
    assert "__pwned" not in head["headScripts"]
    assert words(raw) in words(trapped.locator(".md-header__topic").last.inner_text())
    nav = trapped.locator(f'.md-nav__link[href$="inject-{g}.html"]').first
    assert words(raw) in words(nav.text_content())
    assert words(raw) in words(nav.locator("small").text_content())  # the subtitle, as Material prints it
    # The search index holds the escaped title; search results show it as text.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if doc["location"].startswith(f"inject-{g}.html")]
    assert titles and all("<script" not in title and "<img" not in title for title in titles), titles
    assert text  # the decoded text is what a reader sees
    assert_nothing_ran(trapped)


def test_search_results_show_injected_titles_and_text_as_text(inject_site, trapped):
    server, _ = inject_site
    trapped.goto(server.url + "index.html")
    trapped.click("label[for=__search]")
    results = trapped.locator(".md-search-result__item")
    for _ in range(20):  # retype until the search worker has loaded the index (it loads lazily)
        trapped.fill("input.md-search__input", "")
        trapped.type("input.md-search__input", "src", delay=20)  # "src=x", in the quiz titles
        trapped.press("input.md-search__input", "End")
        try:
            results.first.wait_for(timeout=500)
            break
        except Exception:
            continue
    assert results.count() > 0
    assert "<script>" in trapped.locator(".md-search-result").inner_text()
    assert_nothing_ran(trapped)


@pytest.mark.parametrize("i", indexes("rejected"), ids=[PAYLOADS[i][0] for i in indexes("rejected")])
def test_links_to_no_page_are_refused_by_the_build_naming_the_bank(tmp_path, caplog, i):
    bank = {"id": "inject", "title": "T", "questions": [{"id": "q", "type": "true-false", "prompt": payload(i), "answer": True}]}
    config = with_site_extensions(make_site(tmp_path, {"index.md": page("Home", "# Home {#home}\n\n<!-- quiz: inject -->\n")},
                                            {"inject": yaml.safe_dump(bank, allow_unicode=True)}))
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config)
    message = str(caught.value) + "\n" + caplog.text
    assert "docs/en/quizzes/inject.yml" in message and "not a page of the site" in message, message


def test_the_answer_key_cannot_end_its_element_early():
    """The key is JSON inside the page: whatever the bank holds, it cannot close its element or open a tag."""
    for group in GROUPS:  # a bank title holds at most 2,000 characters: one bank per group of payloads
        bank = load_bank_text(bank_yaml("inject-0", group), "inject-0.yml")
        out = render_bank(bank, "en", SafeMarkdown(["attr_list", "md_in_html"]))
        island = re.search(r'<div class="quiz__data"[^>]*>(.*?)</div>', out, re.S)
        assert island, "the answer key is missing"
        assert "<" not in island.group(1), "markup inside the answer key"
        key = json.loads(html.unescape(island.group(1)))
        assert set(key["questions"]) >= {f"p{i}-text" for i in group}
