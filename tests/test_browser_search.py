"""Search as a reader on a phone meets it (Debian's Chromium, 360 px, typed with a key-up for every letter), in every
language: word forms, Georgian typed in Latin letters, Russian typed with the English layout, Mtavruli capitals and
ё, ranking (titles and headings first, the exact form before other forms), the section link landing on its heading,
the hint under the field; and a site built for one address, served from another."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import PHONE, Server, free_port, phone_context, search
from sitebuilder import build_site, make_site, page

pytestmark = pytest.mark.browser

FILLER = {"en": "More text.\n\n", "ka": "სხვა ტექსტი.\n\n", "ru": "Другой текст.\n\n"}
PAGES = {
    "index.md": {
        "en": page("Home", "# Home {#home}\n\nOfficers who carry naloxone save lives. Ask for consent, always. "
                           "Outreach workers collect used syringes.\n"),
        "ka": page("მთავარი", "# მთავარი {#home}\n\nოფიცრები ნალოქსონით აღჭურვილნი მუშაობენ. ოფიცერი თანხმობას "
                              "ყოველთვის ითხოვს.\n"),
        "ru": page("Главная", "# Главная {#home}\n\nСотрудники полиции носят с собой налоксон. Партнёрство с НКО "
                              "помогает.\n"),
    },
    "naloxone.md": {
        "en": page("Naloxone", "# Naloxone {#naloxone}\n\nNaloxone reverses an opioid overdose.\n\n" + FILLER["en"] * 40
                   + "## Signs of an overdose {#overdose-signs}\n\nSlow breathing and blue lips.\n\n" + FILLER["en"] * 40),
        "ka": page("ნალოქსონი", "# ნალოქსონი {#naloxone}\n\nნალოქსონი ოპიოიდების ზედოზირებას აჩერებს.\n\n"
                   + FILLER["ka"] * 40 + "## ზედოზირების ნიშნები {#overdose-signs}\n\nნელი სუნთქვა და ლურჯი ტუჩები.\n\n"
                   + FILLER["ka"] * 40),
        "ru": page("Налоксон", "# Налоксон {#naloxone}\n\nНалоксон останавливает передозировку опиоидами.\n\n"
                   + FILLER["ru"] * 40 + "## Признаки передозировки {#overdose-signs}\n\nМедленное дыхание и синие "
                   "губы.\n\n" + FILLER["ru"] * 40),
    },
    "referral.md": {
        "en": page("Referral", "# Referral {#referral}\n\nA syringe programme takes referrals from officers.\n\n"
                               "## Consent first {#consent}\n\nAsk before you share anything.\n"),
        "ka": page("მიმართვა", "# მიმართვა {#referral}\n\nშპრიცების პროგრამა იღებს მიმართვებს ოფიცრებისგან. ოფიცრები "
                               "ნალოქსონს ატარებენ.\n\n## ჯერ თანხმობა {#consent}\n\nინფორმაციის გაზიარებამდე "
                               "ჰკითხეთ.\n"),
        "ru": page("Направление", "# Направление {#referral}\n\nПрограмма обмена шприцев принимает направления от "
                                  "сотрудников. Об этом партнерстве договорились заранее.\n\n## Сначала согласие "
                                  "{#consent}\n\nСпросите, прежде чем чем-то делиться.\n"),
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    port = free_port()
    built = build_site(make_site(folder, PAGES), folder / "site", site_url=f"http://127.0.0.1:{port}/")
    server = Server(built, port)
    yield server
    server.close()


def pages_found(hrefs: list[str], folder: str) -> list[str]:
    """The pages of the result list, in order, relative to the language's folder: ['naloxone.html', ...]."""
    found = []
    for href in hrefs:
        path = urlsplit(href).path.split("/" + folder, 1)[-1] if folder else urlsplit(href).path.lstrip("/")
        if path not in found:
            found.append(path)
    return found


# Columns: language folder, the query as a reader types it, what it is, the page it must find (not on that page in
# that form, or not in that script).
QUERIES = [
    ("", "overdosing", "word form", "naloxone.html"),
    ("", "syringes", "word form", "referral.html"),  # "syringe" there
    ("", "breathless", "no page has its stem: cut back to 'breat'", "naloxone.html"),
    ("ka/", "ნალოქსონზე", "word form", "naloxone.html"),
    ("ka/", "მიმართვისთვის", "word form", "referral.html"),
    ("ka/", "naloqsoni", "Latin letters", "naloxone.html"),
    ("ka/", "mimartva", "Latin letters", "referral.html"),
    ("ka/", "tuchebi", "Latin letters: t for ტ, ch for ჩ", "naloxone.html"),  # "ტუჩები" there
    ("ka/", "ᲜᲐᲚᲝᲥᲡᲝᲜᲘ", "Mtavruli capitals", "naloxone.html"),
    ("ru/", "налоксона", "word form", "naloxone.html"),
    ("ru/", "передозировкой", "word form", "naloxone.html"),
    ("ru/", "yfkjrcjy", "English layout", "naloxone.html"),
    ("ru/", "j,vtyf", "English layout, ',' for б", "referral.html"),
    ("ru/", "партнерство", "е for ё", "index.html"),  # "Партнёрство" there
    ("ru/", "партнёрством", "ё for е", "referral.html"),  # "партнерстве" there
]


@pytest.mark.parametrize("folder, query, kind, expected", QUERIES)
def test_search_finds_the_page_whatever_form_or_keyboard(site, phone, folder, query, kind, expected):
    phone.goto(site.url + folder + "index.html")
    hrefs = search(phone, query)
    assert expected in pages_found(hrefs, folder), (kind, hrefs)
    # Material lists a query word it thinks a result lacks as "Missing": a word found in another form is not.
    assert not [t for t in phone.locator(".md-search-result__terms").all() if t.is_visible()], kind


# Columns: language folder, query, the page whose title or heading has the word (in another form), then the pages
# that have it only in a paragraph: first the very form typed, then another form.
RANKINGS = [
    ("", "consent", ["referral.html", "index.html"]),
    ("", "naloxone", ["naloxone.html", "index.html"]),
    ("ka/", "თანხმობას", ["referral.html", "index.html"]),
    ("ka/", "ნალოქსონით", ["naloxone.html", "index.html", "referral.html"]),
    ("ru/", "налоксон", ["naloxone.html", "index.html"]),
]


@pytest.mark.parametrize("folder, query, order", RANKINGS)
def test_titles_and_headings_first_then_the_exact_form(site, phone, folder, query, order):
    phone.goto(site.url + folder + "index.html")
    found = pages_found(search(phone, query), folder)
    assert [page for page in found if page in order] == order, found


@pytest.mark.parametrize("folder, query, word", [("", "breathing", "breathing"), ("ka/", "სუნთქვით", "სუნთქვა"),
                                                 ("ru/", "дыханием", "дыхание")])
def test_a_section_result_lands_on_its_heading_with_the_word_marked(site, phone, folder, query, word):
    phone.goto(site.url + folder + "index.html")
    search(phone, query)
    phone.locator(".md-search-result__item a[href*='#overdose-signs']").first.click()
    phone.wait_for_url(re.compile(r"naloxone\.html\?h=.*#overdose-signs$"))
    phone.wait_for_function("() => document.querySelector('article mark[data-md-highlight]')")
    # The page scrolls once Material has unlocked it (100 ms after search closes): wait for the heading's place.
    header = phone.locator("header.md-header").bounding_box()
    phone.wait_for_function("""([top, bottom]) => {
        const box = document.getElementById("overdose-signs").getBoundingClientRect();
        return box.top >= top && box.top < bottom;
    }""", arg=[header["y"] + header["height"] - 2, PHONE["height"] / 2])
    marked = phone.inner_text("article mark[data-md-highlight]")  # Material marks the stem found: "breath"
    assert len(marked) >= 4 and word.startswith(marked), marked

HINTS = {"": "any form", "ka/": "ნებისმიერი ფორმით", "ru/": "в любой форме"}


@pytest.mark.parametrize("folder", ["", "ka/", "ru/"])
def test_the_search_hint_says_what_works_in_the_page_language(site, phone, folder):
    """Where Material says "Type to start searching": once search is ready, and whenever the field is emptied."""
    phone.goto(site.url + folder + "naloxone.html")
    phone.click("header label[for=__search]")
    meta = phone.locator(".md-search-result__meta")
    phone.wait_for_function("hint => document.querySelector('.md-search-result__meta').textContent.includes(hint)",
                            arg=HINTS[folder])
    assert meta.is_visible()
    if folder == "ka/":
        assert "naloqsoni" in meta.inner_text()  # Latin letters work
    if folder == "ru/":
        assert "yfkjrcjy" in meta.inner_text()  # the English layout works
    search(phone, "x")
    assert HINTS[folder] not in meta.inner_text()
    phone.fill("input.md-search__input", "")
    phone.press("input.md-search__input", "Backspace")  # a key-up: Material searches the empty field
    phone.wait_for_function("hint => document.querySelector('.md-search-result__meta').textContent.includes(hint)",
                            arg=HINTS[folder])


def test_a_site_served_from_another_address_switches_language_within_it(tmp_path, browser):
    """Built for one address (a preview, an NGO's mirror), served from another: the language selector stays on the
    address it is served from, and nothing is asked of the other one (Material fetched sitemap.xml next to each
    hreflang link, absolute to the built address: the page's policy refused it with console errors)."""
    built_for = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    site = build_site(make_site(tmp_path, PAGES), tmp_path / "site", site_url=built_for)
    server = Server(site, free_port())
    context = phone_context(browser)
    requests, problems = [], []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.on("console", lambda message: message.type == "error" and problems.append(message.text))
    tab.on("pageerror", lambda error: problems.append(str(error)))
    try:
        tab.goto(server.url + "ru/naloxone.html#overdose-signs")
        assert f'<link rel="canonical" href="{built_for}ru/naloxone.html">' in tab.content()  # absolute, as built
        assert f'hreflang="ka" href="{built_for}ka/naloxone.html"' in re.sub(r'href="([^"]+)" hreflang="(\w+)"',
                                                                            r'hreflang="\2" href="\1"', tab.content())
        tab.click(".md-header .md-select button")
        tab.click("a.md-select__link[hreflang=ka]")
        tab.wait_for_url(server.url + "ka/naloxone.html#overdose-signs")
        assert tab.evaluate("document.documentElement.lang") == "ka"
        assert "naloxone.html" in pages_found(search(tab, "ნალოქსონით"), "ka/")  # the index comes from here too
        elsewhere = [url for url in requests if url.startswith("http") and not url.startswith(server.url)]
        assert not elsewhere, elsewhere
        assert not problems, problems
    finally:
        context.close()
        server.close()
