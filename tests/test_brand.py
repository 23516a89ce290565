"""A nonprofit makes the site its own by editing brand.yml alone.

The test rebrands a copy of the project to a fictional organisation, builds it as a fork
would, and reads every page: the new name and contact are on each one, the defaults on none.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, Site, copy_project, mkdocs_build, section
from kb.load import load_brand

LAKESIDE = """\
# yaml-language-server: $schema=data/schemas/brand.schema.json
name: Lakeside Family OT Guide
short_name: Lakeside OT
organisation: Lakeside Parent Network
description: Plain help for Lakeside families with occupational therapy at school.
contact:
  email: help@lakeside-parents.example
  phone: (555) 014-2200
  hours: Monday to Thursday, 10 to 4
address: https://ot.lakeside-parents.example/
state: Oregon
logo: assets/lakeside.svg
colours:
  primary: "#0b5d3b"
  accent: "#7a1f5c"
local_help:
  - name: Lakeside Parent Center
    about: Free help for families of children with disabilities.
    link: https://lakeside-parents.example/center/
    phone: 555-014-2300
"""
# A made-up rule and source, to show the mechanism working: the real file ships empty.
OREGON_RULE = """\
- state: Oregon
  step: evaluation
  rule: The school must finish the evaluation within 60 school days of your consent.
  sources: [lakeside-test-rule]
"""
OREGON_SOURCE = """
- id: lakeside-test-rule
  title: A state rule on evaluation timelines (test fixture)
  publisher: Lakeside state education office
  url: https://rules.lakeside.example/evaluation
"""
DEFAULT = load_brand(ROOT)


@pytest.fixture(scope="module")
def lakeside(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("fork") / "project")
    (project / "brand.yml").write_text(LAKESIDE, encoding="utf-8")
    (project / "data/state-rules.yml").write_text(OREGON_RULE, encoding="utf-8")
    with (project / "data/sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(OREGON_SOURCE)
    (project / "docs/assets").mkdir(exist_ok=True)
    (project / "docs/assets/lakeside.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>')
    out = project.parent / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return Site(out)


def test_every_page_carries_the_new_name_and_contact(lakeside):
    for url in lakeside.pages():
        page = lakeside.html(url)
        where = url or "/"
        assert page.select_one(".md-header__title").get_text(" ", strip=True).startswith("Lakeside Family OT Guide"), where
        assert page.title.text.endswith("Lakeside OT") or page.title.text == "Lakeside Family OT Guide", where
        footer = page.select_one(".md-copyright")
        assert "Published by Lakeside Parent Network" in footer.get_text(" ", strip=True), where
        assert footer.select_one('a[href="mailto:help@lakeside-parents.example"]'), where
        assert footer.select_one('a[href="tel:5550142200"]'), where
        assert "#0b5d3b" in page.head.style.get_text(), where
        assert page.select_one(".md-header__button.md-logo img")["src"].endswith("assets/lakeside.svg"), where
        canonical = page.head.select_one("link[rel=canonical]")["href"]
        assert canonical == "https://ot.lakeside-parents.example/" + url, where


def test_the_defaults_are_nowhere_in_the_rebranded_site(lakeside):
    defaults = [DEFAULT.name, DEFAULT.organisation, DEFAULT.description, "127.0.0.1"]
    found = []
    for file in lakeside.root.rglob("*"):
        if file.suffix in (".html", ".xml", ".json", ".txt") and file.is_file():
            text = file.read_text(encoding="utf-8")
            found += [f"{file.relative_to(lakeside.root)}: {d!r}" for d in defaults if d in text]
    assert not found


def test_the_about_page_shows_the_contact_and_local_help(lakeside):
    about = lakeside.html("about/").select_one("article").get_text(" ", strip=True)
    assert "published by Lakeside Parent Network" in about
    assert "help@lakeside-parents.example" in about and "Monday to Thursday, 10 to 4" in about
    assert "Lakeside Parent Center" in about
    help_section = lakeside.html("disagree/").select_one("article")
    assert help_section.select_one('a[href="https://lakeside-parents.example/center/"]')


def test_the_default_brand_shows_no_empty_contact(site):
    footer = site.html("").select_one(".md-copyright")
    assert not footer.select("a[href^='mailto:'], a[href^='tel:']")
    assert re.search(r"CC BY 4\.0.*MIT licence", " ".join(footer.get_text().split()))


def test_a_state_rule_shows_beside_the_federal_minimum_with_its_source(lakeside, site):
    oregon = "In Oregon: The school must finish the evaluation within 60 school days of your consent."
    source = 'a[href="https://rules.lakeside.example/evaluation"]'
    # On the timeline, in the step's own section, under the federal deadline.
    step = lakeside.html("eligibility/").select_one("h2#evaluation")
    step_nodes = section(step)
    step_text = " ".join(" ".join(n.get_text().split()) for n in step_nodes)
    assert "Within 60 days" in step_text and "Federal minimum" in step_text and oregon in step_text
    assert any(n.select_one(source) for n in step_nodes)
    # On the request page, beside the federal 60 days in "What happens next".
    steps = lakeside.html("request-an-evaluation/").select_one("h2#what-happens-next").find_next_sibling("ol")
    assert oregon in " ".join(steps.get_text().split()) and steps.select_one(source)
    # Off by default: the real site names no state, so it shows federal rules only.
    assert "In Oregon" not in site.html("eligibility/").get_text()
