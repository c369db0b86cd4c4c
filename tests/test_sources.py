"""Sources as data: the registry, [@key] citations in pages and bank text, each page's Sources list, figures without
a citation, and a citation on a phone leading to its entry."""

from __future__ import annotations

import doctest
import re
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from quiz_plugin import safe_yaml

from sitebuilder import LANGS, ROOT, build_site, make_site, page

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # citations/ is the site's own code, not an installed package
if str(ROOT / "hooks") not in sys.path:
    sys.path.insert(0, str(ROOT / "hooks"))  # hooks/services.py, as test_safe_yaml imports it
import citations.cite  # noqa: E402
import citations.export  # noqa: E402
import citations.figures  # noqa: E402
import citations.render  # noqa: E402
from citations.figures import uncited_figures  # noqa: E402
from citations.loader import load_registry, registry_from_text  # noqa: E402
from citations.model import CitationError  # noqa: E402
import services  # noqa: E402  (hooks/services.py)

REGISTRY = load_registry(ROOT / "data" / "sources.yml", "data/sources.yml")
_LIST = re.compile(r'<ol class="sources">(.*?)</ol>', re.S)
_ENTRY = re.compile(r'<li id="source-([a-z0-9-]+)"')
_REF = re.compile(r'<a class="cite__ref" href="#source-([a-z0-9-]+)"[^>]*>(\d+)</a>')


def listed(html: str) -> list[str]:
    """The keys of a built page's Sources list, in order."""
    found = _LIST.search(html)
    return _ENTRY.findall(found.group(1)) if found else []


def cited(html: str) -> list[str]:
    """The keys of a built page's citation links, in order of first appearance (text and placed banks)."""
    return list(dict.fromkeys(key for key, _ in _REF.findall(html)))


@pytest.mark.parametrize("module", [citations.cite, citations.export, citations.figures, citations.render, services])
def test_examples_in_docstrings(module):
    assert doctest.testmod(module).failed == 0


# --- The registry ------------------------------------------------------------------------------------------------

def test_the_registry_loads_and_holds_the_studies_the_review_corrected():
    weir = REGISTRY["weir2021"]
    assert weir.venue == "The Police Journal: Theory, Practice and Principles" and weir.year == 2021
    assert weir.doi == "10.1177/0032258X211018774"
    assert REGISTRY["unodc2018-standards"].year == 2018
    assert "call for participants" in REGISTRY["pompidou2019"].note["en"].lower()
    assert "2006" in REGISTRY["otiashvili2016"].note["en"]


def test_every_registry_note_exists_in_every_language():
    for source in REGISTRY.values():
        assert not source.note or sorted(source.note) == sorted(LANGS), source.key


GOOD = "weir2021:\n  authors: [Weir K.]\n  title: Checkpoint\n  venue: The Police Journal\n  year: 2021\n"


@pytest.mark.parametrize("text, line, words", [
    # columns: registry text, the line the message must name, words it must contain
    (GOOD + "weir2021:\n  authors: [Weir K.]\n  title: T\n  venue: V\n  year: 2021\n", 6, "appears twice"),
    (GOOD + "Collins2017:\n  authors: [C.]\n  title: T\n  venue: V\n  year: 2017\n", 6, "lower-case"),
    (GOOD.replace("  year: 2021\n", ""), 1, "has no 'year'"),
    (GOOD + "  publisher: X\n", 6, "unknown field 'publisher'"),
    (GOOD + "  doi: https://doi.org/10.1/x\n", 6, "'doi' must look like"),
    (GOOD.replace("year: 2021", "year: twenty"), 5, "'year' must be a year"),
    (GOOD + "  note: {en: Disputed.}\n", 6, "in each of en, ka, ru"),
    (GOOD + "b2021:\n  authors: [B.]\n  title: T\n  venue: V\n  year: 2021\n  doi: 10.1177/0032258X211018774\n"
     "c2021:\n  authors: [C.]\n  title: T\n  venue: V\n  year: 2021\n  doi: 10.1177/0032258x211018774\n", 12, "same DOI"),
    ("a: &x\n  authors: [A.]\nb: *x\n", 3, "aliases"),
    (GOOD + "  title: [unclosed\n", 7, "YAML"),
])
def test_a_wrong_registry_entry_is_named_by_file_and_line(text, line, words):
    with pytest.raises(CitationError) as caught:
        registry_from_text(text, "data/sources.yml")
    assert str(caught.value).startswith(f"data/sources.yml:{line}: "), caught.value
    assert words in str(caught.value)


# --- Builds: numbering, lists, errors ---------------------------------------------------------------------------

BANK = """id: demo
title: "Quiz"
questions:
  - id: q1
    type: true-false
    prompt: "Did the trial have 521 participants [@weir2021]?"
    answer: true
    explanation: "Yes [@weir2021; @marshall2011]."
"""
TEXT = {"en": "LEAD halved arrests [@collins2017]. Insite [@marshall2011; @collins2017].",
        "ka": "LEAD-მა დაკავებები შეამცირა [@collins2017]. Insite [@marshall2011; @collins2017].",
        "ru": "LEAD сократила аресты [@collins2017]. Insite [@marshall2011; @collins2017]."}
HEADING = {"en": "Sources", "ka": "წყაროები", "ru": "Источники"}


def guide(lang: str, body: str | None = None, heading: bool = True) -> str:
    sources = f"## {HEADING[lang]} {{#sources}}\n\n" if heading else ""
    return page("Guide", f"# Guide {{#guide}}\n\n{body or TEXT[lang]}\n\n{sources}## Quiz {{#quiz}}\n\n<!-- quiz: demo -->\n")


@pytest.fixture(scope="module")
def cited_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cited")
    config = make_site(folder, {"index.md": page("Home", "# Home {#home}\n\nNo sources here.\n"),
                                "guide.md": {lang: guide(lang) for lang in LANGS}}, banks={"demo": BANK})
    return build_site(config)


def built(site: Path, lang: str, name: str = "guide.html") -> str:
    return (site / ("" if lang == "en" else lang) / name).read_text(encoding="utf-8")


def test_a_page_lists_exactly_the_sources_it_and_its_bank_cite_in_order(cited_site):
    html = built(cited_site, "en")
    assert listed(html) == ["collins2017", "marshall2011", "weir2021"]  # the bank's weir2021 comes with it
    assert cited(html) == listed(html)
    numbers = [(key, int(n)) for key, n in _REF.findall(html)]
    assert numbers[:3] == [("collins2017", 1), ("marshall2011", 2), ("collins2017", 1)]
    assert ("weir2021", 3) in numbers  # bank text: prompt and explanation


def test_the_list_is_the_same_in_every_language_with_only_labels_and_notes_translated(cited_site):
    entries = {lang: _LIST.search(built(cited_site, lang)).group(1) for lang in LANGS}
    assert {lang: listed(built(cited_site, lang)) for lang in LANGS} == {lang: listed(built(cited_site, "en")) for lang in LANGS}
    title = "Reduction in overdose mortality after the opening of North America"
    assert all(title in html for html in entries.values())  # the published title, never translated
    assert "Note:" in entries["en"] and "შენიშვნა:" in entries["ka"] and "Примечание:" in entries["ru"]
    assert 'lang="en"' in entries["ka"] and 'lang="en"' not in entries["en"]
    assert 'aria-label="წყარო 1"' in built(cited_site, "ka")


def test_every_citation_links_to_an_entry_on_the_same_page(cited_site):
    for lang in LANGS:
        html = built(cited_site, lang)
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        for key, _ in _REF.findall(html):
            assert f"source-{key}" in ids
        assert '<a href="https://doi.org/10.1177/0032258X211018774" rel="noreferrer">' in html


def test_a_page_without_citations_gets_no_list(cited_site):
    assert '<ol class="sources">' not in built(cited_site, "en", "index.html")


def fails_with(tmp_path, caplog, words, pages, banks=None):
    config = make_site(tmp_path, pages, banks=banks if banks is not None else {"demo": BANK})
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config)
    message = str(caught.value) + "\n" + caplog.text
    for word in words:
        assert word in message, message


def test_an_unknown_key_in_a_page_fails_naming_file_and_line(tmp_path, caplog):
    body = {lang: TEXT[lang] + "\n\nLater on [@colins2017]." for lang in LANGS}
    fails_with(tmp_path, caplog, ["docs/en/guide.md:10: unknown source key 'colins2017'", "did you mean collins2017"],
               {"guide.md": {lang: guide(lang, body[lang]) for lang in LANGS}})


def test_an_unknown_key_in_bank_text_fails_naming_file_and_line(tmp_path, caplog):
    bank = BANK.replace("@marshall2011", "@nosuch2020")
    fails_with(tmp_path, caplog, ["docs/en/quizzes/demo.yml:8: unknown source key 'nosuch2020'"],
               {"guide.md": {lang: guide(lang) for lang in LANGS}}, banks={"demo": bank})


def test_a_malformed_citation_fails_naming_file_and_line(tmp_path, caplog):
    body = {lang: TEXT[lang] + "\n\nSee [@Weir, 2021]." for lang in LANGS}
    fails_with(tmp_path, caplog, ["docs/en/guide.md:10:", "'@Weir, 2021' is not a key"],
               {"guide.md": {lang: guide(lang, body[lang]) for lang in LANGS}})


def test_a_page_that_cites_needs_its_sources_heading(tmp_path, caplog):
    fails_with(tmp_path, caplog, ["docs/en/guide.md", "no '## Sources {#sources}' heading"],
               {"guide.md": {lang: guide(lang, heading=False) for lang in LANGS}})


def test_a_citation_in_code_is_text_not_a_citation(tmp_path):
    body = {lang: TEXT[lang] + "\n\nWrite `[@key]` to cite." for lang in LANGS}
    site = build_site(make_site(tmp_path, {"index.md": page("Home", "# Home {#home}\n\nHome.\n"),
                                           "guide.md": {lang: guide(lang, body[lang]) for lang in LANGS}},
                                banks={"demo": BANK}))
    assert "<code>[@key]</code>" in built(site, "en")


# --- The service directory cites like a page ----------------------------------------------------------------------

def directory_site(folder: Path, sources: list[str]) -> Path:
    """A site whose directory page lists data/services.yml (beside mkdocs.yml), one entry per `source` value."""
    entries = "".join(
        f"  - id: org-{number}\n    scope: international\n    name: {{en: Org {number}, ka: Org {number}, ru: Org {number}}}\n"
        f"    what: {{en: What it does., ka: What it does., ru: What it does.}}\n    source: \"{source}\"\n"
        for number, source in enumerate(sources, start=1))
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "data" / "services.yml").write_text("services:\n" + entries, encoding="utf-8")
    directory = {lang: page("Directory", f"# Directory {{#directory}}\n\n<!-- services -->\n\n## {HEADING[lang]} {{#sources}}\n")
                 for lang in LANGS}
    return make_site(folder, {"index.md": page("Home", "# Home {#home}\n\nHome.\n"), "directory.md": directory})


def test_the_service_directory_cites_registry_keys_and_lists_them_as_the_page_sources(tmp_path):
    site = build_site(directory_site(tmp_path, ["[@ehrn2016]", "[@who2014; @ehrn2016]"]))
    for lang in LANGS:
        html = built(site, lang, "directory.html")
        assert listed(html) == ["ehrn2016", "who2014"], lang  # the page's own Sources list, in order of citation
        second = re.search(r'<li id="service-org-2">.*?</li>', html, re.S).group(0)
        assert [(key, int(n)) for key, n in _REF.findall(second)] == [("who2014", 2), ("ehrn2016", 1)]
        assert "@" not in re.sub(r"<[^>]+>", "", second)  # the reader sees [2, 1], never the written citation
    assert "Police and NGOs will study how to work together for harm reduction" in built(site, "ka", "directory.html")


def test_an_unknown_key_in_the_service_directory_fails_naming_file_and_line(tmp_path, caplog):
    config = directory_site(tmp_path, ["[@ehrn2016]", "[@who2014; @ehrn2061]"])
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config)
    message = str(caught.value) + "\n" + caplog.text
    assert "data/services.yml:11: unknown source key 'ehrn2061'" in message, message
    assert "did you mean ehrn2016?" in message


def test_a_free_text_source_in_the_service_directory_fails_naming_the_entry(tmp_path, caplog):
    config = directory_site(tmp_path, ["[@ehrn2016]", "EHRN, 22 June 2016"])
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config)
    message = str(caught.value) + "\n" + caplog.text
    assert "data/services.yml: entry 'org-2': 'source' must be citations of data/sources.yml keys" in message, message


def test_every_entry_of_the_real_directory_cites_the_registry_and_gives_no_contact_details(real_site):
    """Content review, section 4: no phone number, address or web address that no cited source gives."""
    _, site = real_site
    entries = services.load_services(ROOT / "data" / "services.yml")
    keys = [key for entry in entries for key in services.source_keys(entry["source"])]
    assert all(key in REGISTRY for key in keys)
    for lang in LANGS:
        html = built(site, lang, "referral/directory.html")
        assert set(listed(html)) == set(keys), lang
    text = (ROOT / "data" / "services.yml").read_text(encoding="utf-8")
    assert not re.search(r"https?://|www\.|@[a-z0-9-]+\.[a-z]|\+?\d[\d ()-]{6,}\d", re.sub(r"\[@[^\]]*\]", "", text))
    assert not any(entry.get("contact") for entry in entries)


# --- The real site ----------------------------------------------------------------------------------------------

def test_every_page_of_the_real_site_lists_what_it_cites_the_same_in_every_language(real_site):
    _, site = real_site
    pages = 0
    for path in sorted(site.glob("**/*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.split("/")[0] in ("ka", "ru", "download", "assets", "search"):
            continue
        if not all((site / lang / rel).exists() for lang in ("ka", "ru")):
            continue  # the root 404 page and the like exist once
        lists = {}
        for lang in LANGS:
            html = (site / ("" if lang == "en" else lang) / rel).read_text(encoding="utf-8")
            assert listed(html) == cited(html), f"{lang}/{rel}"
            lists[lang] = listed(html)
        assert lists["ka"] == lists["en"] and lists["ru"] == lists["en"], rel
        pages += bool(lists["en"])
    assert pages >= 20  # the lessons, the case studies and the referral pages cite


def test_no_page_or_bank_cites_a_study_by_free_text_any_more():
    """The old ways of citing: "(Collins et al., 2017)", "(WHO, 2014)", a Latin author name in Georgian or Russian text."""
    old = re.compile(r"\((?:[^()]*\bet al\.|[^()]*(?:and colleagues|и соавторы|და თანაავტორები))[^()]*\)|\((?:WHO|EHRN|IDPC), 20\d\d\)")
    latin_names = re.compile(r"\b(?:Otiashvili|Todadze|Lezhava|Beletsky|Collins|Schiff|Marshall|Hughes|Csete|Nordt)\b")
    problems = []
    for path in sorted((ROOT / "docs").glob("*/**/*")):
        if path.suffix not in (".md", ".yml"):
            continue
        text = path.read_text(encoding="utf-8")
        lang = path.relative_to(ROOT / "docs").parts[0]
        for number, line in enumerate(text.splitlines(), start=1):
            if old.search(line) or (lang in ("ka", "ru") and latin_names.search(line)):
                problems.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert problems == []


# --- Figures without a citation ---------------------------------------------------------------------------------

ALLOWED = safe_yaml.load((Path(__file__).parent / "uncited_figures.yml").read_text(encoding="utf-8"), "tests/uncited_figures.yml")


def test_every_figure_in_the_english_pages_has_a_citation_in_its_paragraph_or_a_reviewed_reason():
    assert all(entry.get("reason", "").strip() for entry in ALLOWED), "every allowed figure needs its reason"
    used, unexplained = set(), []
    for path in sorted((ROOT / "docs" / "en").glob("**/*.md")):
        rel = path.relative_to(ROOT / "docs" / "en").as_posix()
        for figure in uncited_figures(path.read_text(encoding="utf-8")):
            match = next((i for i, entry in enumerate(ALLOWED) if entry["page"] == rel
                          and entry["figure"] == figure.figure and entry["context"] in figure.text), None)
            if match is None:
                unexplained.append(f"docs/en/{rel}:{figure.line}: {figure.figure} in: {figure.text[:120]}")
            else:
                used.add(match)
    stale = [f"{e['page']}: {e['figure']} ({e['context']})" for i, e in enumerate(ALLOWED) if i not in used]
    assert unexplained == [], "cite a source in the paragraph, or add a reviewed entry to tests/uncited_figures.yml"
    assert stale == [], "these entries of tests/uncited_figures.yml match nothing any more: remove them"


@pytest.mark.parametrize("text, figures", [
    # columns: a paragraph, the figures reported when it has no citation
    ("Arrests fell by 58% over two years.", ["58%"]),
    ("Testing ran 2006–2015 and 2014-15 in Tbilisi.", ["2006–2015", "2014-15"]),
    ("It cost $899 a month, or 500 GEL.", ["$899", "500 GEL"]),
    ("From 31 August 2022 – 31 August 2023, 12,500 officers.", []),  # dates and counts are not figures here
    ("Arrests fell by 58% [@collins2017].", []),
    ("See [lesson 3](lesson-3.md#50-percent).", []),
])
def test_what_counts_as_a_figure(text, figures):
    assert [f.figure for f in uncited_figures(text)] == figures


# --- On a phone --------------------------------------------------------------------------------------------------

BELOW_HEADER = """(selector) => {
    const target = document.querySelector(selector);
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const box = target.getBoundingClientRect();
    return box.top >= header.bottom - 1 && box.top < window.innerHeight && box.height > 0;
}"""


def settled(phone) -> None:
    """A reader taps once the page is there: loaded, with Material's bundle running (it handles in-page links)."""
    phone.wait_for_load_state("load")
    phone.wait_for_function("() => typeof window.document$ !== 'undefined'")


def lands_below_header(phone, selector: str) -> None:
    """The page scrolls (smoothly, on some phones) until the entry sits in view, not under the fixed header."""
    try:
        phone.wait_for_function(BELOW_HEADER, arg=selector, timeout=15000)
    except Exception:
        where = phone.evaluate("""(s) => { const t = document.querySelector(s).getBoundingClientRect();
            return {entry: t.top, header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                    height: window.innerHeight, scroll: window.scrollY, hash: location.hash}; }""", selector)
        raise AssertionError(f"{selector} is not in view below the header: {where}") from None


@pytest.mark.browser
def test_a_citation_on_a_phone_leads_to_its_entry_in_one_tap(real_site, phone):
    server, _ = real_site
    for lang in ("en", "ka"):
        phone.goto(server.url + ("" if lang == "en" else "ka/") + "training/lesson-8.html")
        settled(phone)
        link = phone.locator("article p .cite__ref").first
        key = link.get_attribute("href").split("#source-")[1]
        link.scroll_into_view_if_needed()
        pages = []
        phone.on("request", lambda request: pages.append(request.url) if ".html" in request.url else None)
        link.tap()
        phone.wait_for_function("(hash) => location.hash === hash", arg=f"#source-{key}")
        entry = f"#source-{key}"
        lands_below_header(phone, entry)
        assert "is-target" in phone.locator(entry).get_attribute("class")  # marked, so the eye finds it
        assert pages == [], f"{lang}: a tap on a citation downloaded {pages}"
        assert phone.locator(entry).inner_text().startswith(REGISTRY[key].authors[0])


@pytest.mark.browser
def test_a_citation_in_a_quiz_question_leads_to_the_entry_on_the_lesson_page(real_site, phone):
    """Bank text is rendered by the quiz plugin; its citations are numbered with the page's and lead to its list."""
    server, _ = real_site
    phone.goto(server.url + "ru/training/lesson-4.html")
    settled(phone)
    link = phone.locator("form.quiz legend .cite__ref").first
    number = link.inner_text()
    key = link.get_attribute("href").split("#source-")[1]
    link.scroll_into_view_if_needed()
    link.tap()
    phone.wait_for_function("(hash) => location.hash === hash", arg=f"#source-{key}")
    lands_below_header(phone, f"#source-{key}")
    position = phone.evaluate("(s) => [...document.querySelectorAll('ol.sources > li')].indexOf(document.querySelector(s)) + 1",
                              f"#source-{key}")
    assert str(position) == number  # [n] in the question is the n-th entry of the list
