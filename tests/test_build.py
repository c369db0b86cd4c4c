"""Strict builds of small real sites: what passes, and what fails with a message that names the file."""

import base64
import doctest
import importlib.util
import hashlib
import json
import re
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitebuilder import build_site, make_site, page

HOME = {"en": page("Home", "# Home {#home}\n\nWelcome. Harm reduction saves lives.\n"),
        "ka": page("მთავარი", "# მთავარი {#home}\n\nმოგესალმებით. ზიანის შემცირება სიცოცხლეს იცავს.\n"),
        "ru": page("Главная", "# Главная {#home}\n\nДобро пожаловать. Снижение вреда спасает жизни.\n")}
BANK = """\
id: demo
title: Demo quiz
questions:
  - id: q1
    type: single
    prompt: "Pick <script>alert(1)</script> one"
    options:
      - {id: a, text: "[safe](../guide.md#steps)", correct: true, feedback: "Yes"}
      - {id: b, text: "[bad](javascript:alert(1))"}
    explanation: "See [the steps](../guide.md#steps)."
"""
GUIDE = {lang: page("Guide", f"# Guide {{#guide}}\n\n## Steps {{#steps}}\n\nText {lang}.\n\n## Quiz {{#quiz}}\n\n<!-- quiz: demo -->\n")
         for lang in ("en", "ka", "ru")}


def fails_with(tmp_path, caplog, words, **site):
    """The build aborts, and what it printed names the place."""
    config = make_site(tmp_path, **site)
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config)
    message = str(caught.value) + "\n" + caplog.text
    for word in words:
        assert word in message, message


def test_site_with_quiz_builds_strictly(tmp_path):
    site = build_site(make_site(tmp_path, {"index.md": HOME, "guide.md": GUIDE}, {"demo": BANK}))
    html = (site / "ka" / "guide.html").read_text(encoding="utf-8")
    assert '<html lang="ka"' in html
    assert 'class="quiz"' in html and 'data-quiz="demo"' in html
    assert "<script>alert" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="guide.html#steps"' in html  # the bank's link, rewritten for the page
    assert not list(site.rglob("*.yml")), "banks are data, not published files"
    # Open Graph and hreflang alternates, in the page's language
    assert 'property="og:locale" content="ka_GE"' in html
    assert 'property="og:description" content="Guide."' in html
    for lang, href in (("en", "guide.html"), ("ka", "ka/guide.html"), ("ru", "ru/guide.html")):
        assert f'href="http://127.0.0.1:8000/{href}" hreflang="{lang}"' in html
    # a page without a quiz carries no quiz markup
    assert 'class="quiz"' not in (site / "index.html").read_text(encoding="utf-8")


def test_each_quiz_carries_the_strings_its_runtime_shows_and_no_more(tmp_path):
    from quiz_plugin.strings import QUIZ_RUNTIME_KEYS, STRINGS

    runtime = (Path(__file__).parents[1] / "quiz_plugin" / "assets" / "quiz.js").read_text(encoding="utf-8")
    one_quiz = runtime[runtime.index("function setupQuiz("):runtime.index("/* ---- Progress table")]
    used = set(re.findall(r"\bs\.([a-z_]+)\b(?!\()", one_quiz)) - {"length"}
    assert used == set(QUIZ_RUNTIME_KEYS)
    site = build_site(make_site(tmp_path, {"index.md": HOME, "guide.md": GUIDE}, {"demo": BANK}))
    html = (site / "ka" / "guide.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<div class="quiz__data"[^>]*>(.*?)</div>', html, re.S).group(1))
    assert data["strings"] == {key: STRINGS["ka"][key] for key in QUIZ_RUNTIME_KEYS}


def test_each_language_has_its_own_search_index(tmp_path):
    site = build_site(make_site(tmp_path, {"index.md": HOME}))
    indexes = {lang: site / prefix / "search" / "search_index.json" for lang, prefix in (("en", ""), ("ka", "ka"), ("ru", "ru"))}
    texts = {lang: path.read_text(encoding="utf-8") for lang, path in indexes.items()}
    assert "\\u" not in texts["ka"]
    ka = json.loads(texts["ka"])
    assert all(not doc["location"].startswith(("ka/", "ru/")) for doc in ka["docs"])
    assert "ზიანის" in texts["ka"] and "Снижение" not in texts["ka"] and "Harm" not in texts["ka"]
    assert "Снижение" in texts["ru"] and "ზიანის" not in texts["ru"]
    assert json.loads(texts["ru"])["config"]["lang"] == ["ru", "en"]
    # Georgian and English are stemmed too: Georgian by lunr.ka, published where Material's worker loads languages
    assert ka["config"]["lang"] == ["ka"] and "stemmer" in ka["config"]["pipeline"]
    assert "stemmer" in json.loads(texts["en"])["config"]["pipeline"]
    lunr_ka = (site / "assets" / "javascripts" / "lunr" / "min" / "lunr.ka.min.js").read_text(encoding="utf-8")
    assert "lunr.ka.stemmer" in lunr_ka and '"ისთვის"' in lunr_ka and "/*RULES*/" not in lunr_ka
    # each folder that holds pages has a sitemap, so no alternate-link fetch can 404
    for folder in ("", "ka", "ru"):
        assert (site / folder / "sitemap.xml").exists()


def test_heading_without_explicit_id_fails_naming_the_file(tmp_path, caplog):
    pages = {"index.md": HOME, "guide.md": {**GUIDE, "ka": GUIDE["ka"].replace("## Steps {#steps}", "## ნაბიჯები")}}
    fails_with(tmp_path, caplog, ["docs/ka/guide.md", "explicit id"], pages=pages, banks={"demo": BANK})


def test_non_ascii_heading_id_fails(tmp_path, caplog):
    pages = {"index.md": HOME, "guide.md": {lang: text.replace("{#steps}", "{#_1}") for lang, text in GUIDE.items()}}
    fails_with(tmp_path, caplog, ["docs/en/guide.md", "_1"], pages=pages, banks={"demo": BANK})


def test_heading_ids_that_differ_between_languages_fail(tmp_path, caplog):
    pages = {"index.md": HOME, "guide.md": {**GUIDE, "ru": GUIDE["ru"].replace("{#steps}", "{#shagi}")}}
    fails_with(tmp_path, caplog, ["docs/ru/guide.md", "differ", "shagi"], pages=pages, banks={"demo": BANK})


def test_missing_translation_fails_naming_the_file(tmp_path, caplog):
    pages = {"index.md": HOME, "guide.md": {**GUIDE, "ru": None}}
    fails_with(tmp_path, caplog, ["docs/ru/guide.md is missing"], pages=pages, banks={"demo": BANK})


def test_unknown_bank_fails_naming_the_page(tmp_path, caplog):
    pages = {"index.md": HOME, "guide.md": {lang: t.replace("quiz: demo", "quiz: nosuch") for lang, t in GUIDE.items()}}
    fails_with(tmp_path, caplog, ["docs/en/guide.md", "unknown bank 'nosuch'"], pages=pages, banks={"demo": BANK})


def test_translated_bank_with_another_key_fails(tmp_path, caplog):
    wrong = BANK.replace(", correct: true", "").replace('text: "[bad](javascript:alert(1))"', 'text: "B", correct: true')
    fails_with(tmp_path, caplog, ["docs/ka/quizzes/demo.yml", "answer key differs", "q1"],
               pages={"index.md": HOME, "guide.md": GUIDE}, banks={"demo": {"en": BANK, "ka": wrong, "ru": BANK}})


def test_bad_bank_fails_with_file_and_line(tmp_path, caplog):
    bad = BANK.replace("type: single", "type: singel")
    fails_with(tmp_path, caplog, ["docs/en/quizzes/demo.yml:5", "singel"], pages={"index.md": HOME, "guide.md": GUIDE}, banks={"demo": bad})


def test_a_lesson_that_is_not_a_bank_fails_with_file_and_line(tmp_path, caplog):
    bad = BANK.replace("    type: single\n", "    type: single\n    lesson: lesson-9\n", 1)
    fails_with(tmp_path, caplog, ["docs/en/quizzes/demo.yml:4", "lesson 'lesson-9' is not a bank"],
               pages={"index.md": HOME, "guide.md": GUIDE}, banks={"demo": bad})


def test_a_questionnaire_with_a_scored_question_fails_with_file_and_line(tmp_path, caplog):
    bad = BANK.replace("questions:\n", "questions:\n  - {id: s1, type: scale, prompt: A statement}\n", 1)
    fails_with(tmp_path, caplog, ["docs/en/quizzes/demo.yml:", "either scale statements"],
               pages={"index.md": HOME, "guide.md": GUIDE}, banks={"demo": bad})


def test_broken_link_in_bank_fails(tmp_path, caplog):
    bad = BANK.replace("../guide.md#steps)", "../guide.md#nowhere)")
    fails_with(tmp_path, caplog, ["nowhere"], pages={"index.md": HOME, "guide.md": GUIDE}, banks={"demo": bad})


def test_moved_page_redirects_in_every_language(tmp_path):
    redirects = {"old-guide.md": "guide.md"}  # written once, language-neutral
    site = build_site(make_site(tmp_path, {"index.md": HOME, "guide.md": GUIDE}, {"demo": BANK}, redirects=redirects))
    for prefix in ("", "ka/", "ru/"):
        html = (site / f"{prefix}old-guide.html").read_text(encoding="utf-8")
        assert re.search(r'http-equiv="refresh" content="0; url=guide.html"', html), html


def test_inline_script_in_a_page_fails_the_build_naming_the_page(tmp_path, caplog):
    """The Content-Security-Policy hashes only the theme's own inline scripts (hooks/csp.py)."""
    guide = dict(GUIDE, ru=GUIDE["ru"] + "\n<script>window.tracker = 1</script>\n")
    fails_with(tmp_path, caplog, ["ru/guide.md", "inline <script>", "docs/assets/"],
               pages={"index.md": HOME, "guide.md": guide}, banks={"demo": BANK})


def test_a_failed_make_build_leaves_the_published_folder_as_it_was(tmp_path):
    """`make build` (what the publishing workflow runs) replaces the site only after both builds succeeded."""
    import subprocess

    from sitebuilder import ROOT

    pages = {"index.md": HOME, "guide.md": dict(GUIDE, ru=None)}  # the Russian guide is missing: strict fails
    config = make_site(tmp_path / "project", pages=pages, banks={"demo": BANK})
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "build", f"CONFIG={config}", f"SITE={site}"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    assert "docs/ru/guide.md" in done.stdout + done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no half-written site.tmp left
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"


def test_pages_lose_template_indentation_but_code_keeps_its_own(tmp_path):
    code = "```python\ndef f():\n    return 1\n```\n"
    pages = {"index.md": HOME,
             "guide.md": {lang: page("Guide", f"# Guide {{#guide}}\n\nText.\n\n{code}") for lang in ("en", "ka", "ru")}}
    site = build_site(make_site(tmp_path, pages))
    html = (site / "ka" / "guide.html").read_text(encoding="utf-8")
    assert "\n " not in re.sub(r"<(pre|code|script|style)\b.*?</\1>", "", html, flags=re.S)
    assert re.search(r"<pre[^>]*>.*\n(<span[^>]*>)?\s{4}(<span[^>]*>)?return", html, re.S), html
    # Inline scripts are left as the Content-Security-Policy hashed them.
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    inline = [body for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
              if "src=" not in attrs and "application/json" not in attrs]
    assert inline
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


HOOKS = Path(__file__).parents[1] / "hooks"


def load_hook(name: str):
    """A hook module loaded as MkDocs loads it: by path, with hooks/ on sys.path for the hooks' own imports."""
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    spec = importlib.util.spec_from_file_location(f"hooks_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import does: dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("hook", sorted(p.stem for p in HOOKS.glob("*.py")))
def test_hook_examples(hook):
    """The input ⇒ output examples in the hooks' docstrings hold."""
    assert doctest.testmod(load_hook(hook)).failed == 0


def test_pages_load_materials_bundle_patched_to_fetch_the_search_index_on_demand(tmp_path):
    site = build_site(make_site(tmp_path, {"index.md": HOME}))
    bundles = sorted(p.name for p in (site / "assets" / "javascripts").glob("bundle.*"))
    assert len(bundles) == 1 and bundles[0].endswith(".min.js"), bundles  # Material's own copy and map are gone
    bundle = (site / "assets" / "javascripts" / bundles[0]).read_text(encoding="utf-8")
    assert bundle.startswith('"use strict";') and "sourceMappingURL" not in bundle
    assert re.search(r'=document\.forms\.namedItem\("search"\)\?hrSearchIndexOnDemand\(\w+\):', bundle)
    # search stays open on a page opened at a section; no sitemap is fetched next to the absolute hreflang links
    assert re.search(r'\w+\(\w+,\w+\.pipe\(hrLaterOnly\)\)\.pipe\(\w+\(125\)\)', bundle)
    assert '"link[rel=alternate][data-material-alternate]"' in bundle and "function hrLaterOnly(" in bundle
    assert f'src="../assets/javascripts/{bundles[0]}"' in (site / "ka" / "index.html").read_text(encoding="utf-8")


def test_no_page_of_the_real_site_waits_for_a_script_before_it_is_painted(real_site):
    """Every script file is deferred (Material's bundle, site.js, the quiz runtime): a phone paints the page first.
    The quiz runtime relies on it to find Material's document$ (tests/test_browser_progress.py follows instant
    navigation)."""
    _, site = real_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for html in pages:
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html.read_text(encoding="utf-8"))
        blocking = [tag for tag in tags if not re.search(r"\sdefer[\s>]", tag)]
        if html == site / "404.html":
            # The one exception: 1 KB that picks the 404 page's language before it is drawn (hooks/not_found.py),
            # so that a Georgian reader never sees the English and Russian versions flash by.
            assert len(blocking) == 1 and "/not-found." in blocking[0], blocking
            continue
        assert not blocking, (html.relative_to(site), blocking)
    lesson = (site / "ka" / "training" / "lesson-3.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="[^"]*quiz\.[0-9a-f]+\.js" defer>.*<script src="[^"]*bundle\.[0-9a-f]+\.min\.js" defer>'
                     r'.*<script src="[^"]*site\.[0-9a-f]+\.js" defer>', lesson, re.S)


def test_the_configuration_json_in_pages_is_utf8_not_escapes(real_site):
    """Material reads its interface strings from this JSON; escaped, a Georgian letter costs 6 bytes instead of 3."""
    _, site = real_site
    html = (site / "ka" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    assert config["translations"]["search.result.none"].isascii() is False
    assert "\\u10" not in html


def test_a_material_bundle_without_the_expected_expression_fails_the_build_clearly():
    with pytest.raises(PluginError, match="update INDEX_AT_ONCE"):
        load_hook("search_assets").bundle_source('"use strict";(()=>{var index=fetchIndex()})();')
