"""A nonprofit makes the site its own by editing brand.yml alone.

The test rebrands a copy of the project to a fictional organisation, builds it as a fork
would, and reads every page: the new name and contact are on each one, the defaults on none.
"""

from __future__ import annotations

import re

from conftest import ROOT, section
from kb.load import load_brand

DEFAULT = load_brand(ROOT)


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
