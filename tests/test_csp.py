"""The Content-Security-Policy: every page carries it, and nothing on any kind of page breaks it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# Listen before any of the page's own code runs; Playwright's init scripts are not subject to the page's policy.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber));
"""

# One page of every kind, in every language: home, lesson with its quiz, progress, glossary (tooltips), case study,
# referral pathway (flow), referral card, and the 404 page.
PAGES = ["index.html", "training/lesson-3.html", "training/progress.html", "training/glossary.html",
         "cases/index.html", "referral/pathway.html", "referral/referral-card.html"]


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_every_built_page_carries_the_policy_before_any_script(real_site):
    _, site = real_site
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html[:600]:
            continue  # mkdocs-redirects' stub pages: no theme, no content
        head = html[:html.index("</head>")]
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert meta, path
        assert meta.start() < head.find("<script") and meta.start() < head.find("<link"), path
        assert "default-src 'self'" in meta[1] and "connect-src 'self'" in meta[1], path
        assert "unsafe-inline" not in meta[1] and "unsafe-eval" not in meta[1] and "http" not in meta[1], path


@pytest.mark.parametrize("lang", ["", "ka/", "ru/"])
def test_no_page_kind_violates_the_policy(real_site, phone, lang):
    server, _ = real_site
    phone.add_init_script(COLLECT_VIOLATIONS)
    errors = []
    phone.on("console", lambda m: m.type == "error" and errors.append(m.text))
    for rel in PAGES:
        phone.goto(server.url + lang + rel, wait_until="load")
        if rel.startswith("training/lesson"):
            phone.locator("form.quiz input[type=radio]").first.check()
            phone.locator("form.quiz button[type=submit]").first.click()
        phone.wait_for_timeout(100)
        assert violations(phone) == [], (rel, violations(phone))
    # Search (a worker and a fetch) and instant navigation (XHR) on the same page.
    phone.goto(server.url + lang + "index.html")
    phone.click("label[for=__search]")
    phone.type("input.md-search__input", "HIV")
    phone.wait_for_selector(".md-search-result__item")
    phone.click(".md-search-result__item a")
    phone.wait_for_load_state()
    phone.goto(server.url + lang + "no-such-page.html")
    assert violations(phone) == []
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_an_inline_script_is_refused_and_reported(real_site, phone):
    """The collector above can fail: a script injected into the page is blocked and reported."""
    server, _ = real_site
    phone.add_init_script(COLLECT_VIOLATIONS)
    phone.goto(server.url + "index.html")
    phone.evaluate("""() => { const s = document.createElement("script");
                               s.textContent = "window.__ran = true"; document.head.append(s); }""")
    phone.wait_for_timeout(100)
    assert phone.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in violations(phone)), violations(phone)
