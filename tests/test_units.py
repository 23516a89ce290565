"""Unit tests of the loader, the renderers and the macros, without building a site."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from kb import macros
from kb.abbreviations import Abbreviations
from kb.facts import FACTS_FILE
from kb.load import DataError, load_knowledge
from kb.records import cfr_url
from kb.render import page_link, plain, render_comparison_table, render_condition_page

from conftest import ROOT, replace_line

GLOSSARY = load_knowledge(ROOT / "data").glossary


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A copy of data/, with the facts every rule is checked against beside it."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    (tmp_path / FACTS_FILE).parent.mkdir(parents=True)
    shutil.copy2(ROOT / FACTS_FILE, tmp_path / FACTS_FILE)
    return target


def problems_after(data_dir: Path, path: str, old: str, new: str) -> list[str]:
    file = data_dir / path
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_knowledge(data_dir)
    return [str(p) for p in caught.value.problems]


# --- loader ---------------------------------------------------------------------------------


def test_real_data_loads_with_every_kind_of_record():
    knowledge = load_knowledge(ROOT / "data")
    assert {"autism", "eating-and-swallowing"} <= set(knowledge.conditions)
    assert knowledge.comparison and knowledge.sources and knowledge.evidence
    assert all(isinstance(c.last_reviewed, dt.date) for c in knowledge.conditions.values())


def test_conditions_are_ordered_by_title(data_dir):
    titles = [c.title for c in load_knowledge(data_dir).conditions.values()]
    assert titles == sorted(titles, key=str.lower)


def test_every_problem_in_every_file_is_reported_at_once(data_dir):
    (data_dir / "evidence.yml").write_text("", encoding="utf-8")
    found = problems_after(data_dir, "conditions/autism.yml", "title: Autism", "titel: Autism")
    assert any(p.startswith("data/evidence.yml: the file is empty") for p in found)
    assert any("field 'titel'" in p for p in found)


def test_a_record_with_a_problem_still_counts_for_references(data_dir):
    found = problems_after(data_dir, "conditions/autism.yml", "title: Autism", "title: 7")
    assert found == ["data/conditions/autism.yml:4: condition 'autism', field 'title': expected text, got a number (7)"]


def test_yes_or_no_where_text_belongs_gets_a_hint(data_dir):
    found = problems_after(data_dir, "conditions/autism.yml", "title: Autism", "title: no")
    assert "expected text, got yes/no (False); put the text in quotes" in found[0]


def test_a_list_file_that_is_not_a_list(data_dir):
    (data_dir / "sources.yml").write_text("id: one\ntitle: x\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_knowledge(data_dir)
    assert "data/sources.yml:1: expected a list of sources, each starting with '- '" in map(str, caught.value.problems)


def test_a_source_needs_exactly_one_way_to_link(data_dir):
    found = problems_after(data_dir, "sources.yml", '  cfr: "300.8"\n', '  cfr: "300.8"\n  url: https://example.org/\n')
    assert any("source 'cfr-300-8'" in p and "give exactly one of" in p for p in found)


def test_a_date_in_the_future_is_refused(data_dir):
    replace_line(data_dir / "conditions/autism.yml", "last_reviewed", "last_reviewed: 2999-01-01\n")
    with pytest.raises(DataError) as caught:
        load_knowledge(data_dir)
    found = [str(p) for p in caught.value.problems]
    assert "2999-01-01 is in the future" in found[0]


def test_a_missing_list_file_is_named(data_dir):
    (data_dir / "ot-vs-pt.yml").unlink()
    with pytest.raises(DataError) as caught:
        load_knowledge(data_dir)
    assert "data/ot-vs-pt.yml: the file is missing" in map(str, caught.value.problems)


# --- renderers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "url"),
    [
        ("300.34(c)(6)", "https://www.ecfr.gov/current/title-34/section-300.34#p-300.34(c)(6)"),
        ("300.8", "https://www.ecfr.gov/current/title-34/section-300.8"),
        ("104.33", "https://www.ecfr.gov/current/title-34/section-104.33"),
    ],
)
def test_cfr_links_go_to_the_official_text(section, url):
    assert cfr_url(section) == url


def test_plain_escapes_markup_and_folds_line_breaks():
    assert plain("a <b> & *c*\n[d](e)") == "a &lt;b&gt; &amp; \\*c\\* \\[d\\]\\(e\\)"


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [("conditions/index.md", "conditions/autism.md", "autism.md"),
     ("index.md", "conditions/autism.md", "conditions/autism.md"),
     ("conditions/autism.md", "conditions/eating-and-swallowing.md", "eating-and-swallowing.md")],
)
def test_page_links_are_relative_to_the_page(source, target, link):
    assert page_link(source, target) == link


def test_comparison_table_escapes_html_and_lists_sources_once():
    knowledge = load_knowledge(ROOT / "data")
    row = knowledge.comparison[0].model_copy(update={"ot": "a <b> & c"})
    table = render_comparison_table([row, row], knowledge)
    assert "a &lt;b&gt; &amp; c" in table
    assert table.count(knowledge.sources[row.sources[0]].link) == 1


def test_condition_page_has_fixed_section_ids_and_one_heading_per_strategy():
    knowledge = load_knowledge(ROOT / "data")
    condition = knowledge.conditions["autism"]
    page = render_condition_page(condition, knowledge, "conditions/autism.md")
    assert page.startswith("# Autism\n")
    for section in ("{#at-school}", "{#how-ot-helps}", "{#strategies}", "{#questions}", "{#related}", "{#sources data-search-exclude=\"true\"}"):
        assert section in page
    assert page.count("\n### ") == len(condition.strategies)
    assert "(eating-and-swallowing.md)" in page


# --- macros, with a stand-in for the macros plugin's env --------------------------------------


class FakeEnv:
    def __init__(self, project: Path):
        self.project_dir = str(project)
        self.conf = {"docs_dir": str(project / "docs")}
        self.macros: dict = {}
        self.variables: dict = {}
        self.page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="conditions/autism.md"))

    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn


def test_define_env_registers_the_macros_pages_use():
    env = FakeEnv(ROOT)
    macros.define_env(env)
    assert set(env.macros) == {"comparison_table", "condition_page", "condition_list", "evidence_scale", "source_list", "cite",
                                "rights", "timeline", "iep_areas", "glossary",
                                # the printable pages (docs/print/)
                                "condition_handout", "handout_list", "sample_letter", "meeting_checklist", "print_hint",
                                # the organisation, from brand.yml
                                "contact", "local_help", "state_rule",
                                # work out the date, and the steps drawn (issue 16)
                                "date_calculator", "steps_at_a_glance"}


def test_a_date_calculator_needs_a_step_a_deadline_counts_from():
    env = FakeEnv(ROOT)
    macros.define_env(env)
    assert 'data-kb-dates="consent"' in env.macros["date_calculator"]("consent")
    with pytest.raises(macros.PageError, match=r"no deadline in data/timeline\.yml counts from the step 'ask' "
                       r"\(steps a deadline counts from: consent, eligibility-decision\)"):
        env.macros["date_calculator"]("ask")
    with pytest.raises(macros.PageError, match=r"there is no step with the id 'consnt' .*did you mean 'consent'"):
        env.macros["date_calculator"]("consnt")


def test_condition_page_macro_gives_the_page_its_review_date_and_description():
    env = FakeEnv(ROOT)
    macros.define_env(env)
    text = env.macros["condition_page"]("autism")
    assert text.startswith("# Autism")
    assert env.page.meta["last_reviewed"] == load_knowledge(ROOT / "data").conditions["autism"].last_reviewed
    assert env.page.meta["description"].startswith("How occupational therapy")


def test_a_macro_asked_for_an_unknown_id_says_which_ids_exist():
    env = FakeEnv(ROOT)
    macros.define_env(env)
    with pytest.raises(macros.PageError, match="no condition with the id 'autsim' in data/conditions/; did you mean 'autism'\\? \\(known: .*autism"):
        env.macros["condition_page"]("autsim")
    with pytest.raises(macros.PageError, match="no source with the id 'nope'"):
        env.macros["cite"]("nope")


def test_data_is_loaded_once_however_often_define_env_runs():
    # Zensical calls define_env for every page: the data must still be read only once.
    macros.load_once.cache_clear()
    for _ in range(5):
        macros.define_env(FakeEnv(ROOT))
    assert macros.load_once.cache_info().misses == 1


def test_glossary_tooltips_follow_each_load_of_the_data(data_dir):
    # `mkdocs serve` keeps one mapping across rebuilds: each load of data/ must reach it.
    tooltips = Abbreviations(data_dir)
    assert {**tooltips}["IEP"] == GLOSSARY["iep"].stands_for  # read on demand before any load
    glossary = data_dir / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace(f"stands_for: {GLOSSARY['iep'].stands_for}", "stands_for: Changed"), encoding="utf-8")
    tooltips.use(load_knowledge(data_dir))
    assert {**tooltips}["IEP"] == "Changed"
    assert Abbreviations(data_dir / "missing") == {}  # the build itself reports why, file and line
