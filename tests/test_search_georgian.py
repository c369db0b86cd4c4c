"""The Georgian stemmer: its Python and JavaScript twins give the stems of one shared set of test vectors and agree on
every Georgian word of the site; a mistake in its rules file is reported with the file and line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from sitebuilder import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT))
import georgian_stemmer  # noqa: E402
import search_assets  # noqa: E402
from tools.search_node import run as run_in_node  # noqa: E402

VECTORS = Path(__file__).with_name("vectors") / "georgian_stems.tsv"
MATERIAL = Path(sys.modules["mkdocs"].__file__).parent.parent / "material" / "templates" / "assets" / "javascripts"


def vectors() -> list[tuple[str, str]]:
    pairs = []
    for line in VECTORS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, stem = line.split("\t")
            pairs.append((word, stem))
    return pairs


def site_words() -> list[str]:
    words = set()
    for path in (ROOT / "docs" / "ka").rglob("*"):
        if path.suffix in (".md", ".yml"):
            words.update(re.findall(r"[\u10d0-\u10ff\u1c90-\u1cbf]+", path.read_text(encoding="utf-8")))
    return sorted(words)


@pytest.fixture(scope="module")
def javascript_stems(tmp_path_factory):
    """lunr.ka as published (the hook fills in the rules), run in node after lunr and lunr's stemmer support, as
    Material's worker loads them; returns a function from words to stems."""
    folder = tmp_path_factory.mktemp("lunr-ka")
    (folder / "lunr.ka.min.js").write_text(search_assets.georgian_lunr_source(), encoding="utf-8")
    worker = next((MATERIAL / "workers").glob("search.*.min.js"))
    scripts = [str(worker), str(MATERIAL / "lunr" / "min" / "lunr.stemmer.support.min.js"), str(folder / "lunr.ka.min.js")]

    def stems(words: list[str]) -> list[str]:
        return run_in_node({"scripts": scripts, "stem": {"language": "ka", "words": words}})["stems"]
    return stems


def test_the_vectors_cover_the_rules():
    pairs = vectors()
    assert len(pairs) > 150
    assert len({stem for _, stem in pairs}) > 30
    rules = georgian_stemmer.load_rules()
    missing = [word for word in rules.words if word not in dict(pairs)]
    assert not missing, f"exceptions without a test vector: {missing}"


def test_python_gives_the_stems_of_the_vectors():
    rules = georgian_stemmer.load_rules()
    wrong = [(word, stem, georgian_stemmer.stem(word, rules)) for word, stem in vectors()
             if georgian_stemmer.stem(word, rules) != stem]
    assert not wrong, wrong


def test_javascript_gives_the_stems_of_the_vectors(javascript_stems):
    pairs = vectors()
    got = javascript_stems([word for word, _ in pairs])
    wrong = [(word, stem, js) for (word, stem), js in zip(pairs, got) if js != stem]
    assert not wrong, wrong


def test_python_and_javascript_agree_on_every_georgian_word_of_the_site(javascript_stems):
    rules = georgian_stemmer.load_rules()
    words = site_words()
    assert len(words) > 3000
    got = javascript_stems(words)
    differ = [(word, georgian_stemmer.stem(word, rules), js) for word, js in zip(words, got)
              if georgian_stemmer.stem(word, rules) != js]
    assert not differ, differ[:20]


# Columns: a change to the rules file, what the error names.
BROKEN_RULES = [
    ("  - {suffix: ში}\n", "  - {suffix: shi}\n", "'shi' is not a word in Georgian letters"),
    ("  - {suffix: ით}                     # instrumental\n", "  - {suffix: ით, after: anything}\n",
     "'after' must be vowel, consonant or Georgian letters"),
    ("  ოფიცრ: ოფიცერ\n", "  ოფიცრ: officer\n", "'officer' is not a word in Georgian letters"),
]


@pytest.mark.parametrize("original, broken, message", BROKEN_RULES)
def test_a_mistake_in_the_rules_file_names_the_file_and_line(tmp_path, original, broken, message):
    text = georgian_stemmer.RULES_FILE.read_text(encoding="utf-8")
    assert original in text
    rules_file = tmp_path / "georgian_stemmer.yml"
    rules_file.write_text(text.replace(original, broken), encoding="utf-8")
    line = text[:text.index(original)].count("\n") + 1
    with pytest.raises(georgian_stemmer.RulesError, match=re.escape(f"{rules_file}:{line}: ")) as error:
        georgian_stemmer.load_rules(rules_file)
    assert message in str(error.value)
    with pytest.raises(PluginError, match=re.escape(f"{rules_file}:{line}: ")):  # the build stops with the same
        search_assets.georgian_lunr_source(rules_file)


def test_a_rules_file_that_is_not_yaml_names_the_file(tmp_path):
    rules_file = tmp_path / "georgian_stemmer.yml"
    rules_file.write_text("min_stem: [2\n", encoding="utf-8")
    with pytest.raises(georgian_stemmer.RulesError, match=re.escape(str(rules_file))):
        georgian_stemmer.load_rules(rules_file)
