"""With JavaScript off (old phones, strict browsers, a script that failed to arrive), every
page can still be read and every other page reached from its menu, in English and in Spanish."""

from __future__ import annotations

import pytest

from browser import DESKTOP, PHONE
from kb.load import load_knowledge

from conftest import ROOT


@pytest.fixture()
def no_js(browser):
    contexts = []

    def open_page(viewport):
        context = browser.new_context(viewport=viewport, java_script_enabled=False,
                                      is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_every_page_reads_and_its_menu_reaches_every_page(edition, server, no_js):
    """In each edition (English, then Spanish below es/), every page's menu reaches every page of it."""
    page = no_js(DESKTOP)
    pages = [edition.prefix + url for url in edition.site.pages()]
    every_page = {server.url + url_path for url_path in pages}
    problems = {}
    for url_path in pages:
        page.goto(server.url + url_path)
        words = len(page.locator("article").inner_text().split())
        menu = page.eval_on_selector_all(
            ".md-sidebar--primary a.md-nav__link", "links => links.filter(a => a.checkVisibility()).map(a => a.href)")
        unreachable = every_page - set(menu)
        if words < 40 or unreachable or page.locator(".md-search__input").is_visible():
            problems[url_path or "/"] = {"words": words, "unreachable": sorted(unreachable)}
    assert not problems  # the search box is hidden too: without JavaScript it could not work


# The same walk in each edition's words: (section of the start page, section to open, page in it).
PHONE_MENU_WALK = {
    "en": ("Conditions and needs", "Your rights", "When you disagree"),
    "es": ("Condiciones y necesidades", "Sus derechos", "Cuando no está de acuerdo"),
}


def test_on_a_phone_the_menu_opens_and_goes_up_and_across_sections(edition, server, no_js):
    """From a condition page: open the menu, go back up to all sections, open another, follow it."""
    here, there, target = PHONE_MENU_WALK[edition.language]
    page = no_js(PHONE)
    page.goto(server.url + edition.prefix + "conditions/autism/")
    page.tap("label.md-header__button[for='__drawer']")
    section = page.locator("nav.md-nav--primary .md-nav__title[for]").filter(has_text=here).first
    assert section.is_visible()
    section.tap()  # the back arrow: up to every section
    page.get_by_text(there, exact=True).first.tap()
    page.locator("a.md-nav__link:visible", has_text=target).first.tap()
    page.wait_for_url(f"**/{edition.prefix}disagree/")
    assert page.locator("article h1").inner_text().startswith(target)


@pytest.mark.parametrize("url", ["eligibility/", "es/eligibility/", "request-an-evaluation/", "es/request-an-evaluation/"])
def test_the_date_calculator_says_its_rule_in_words_and_shows_no_dead_form(server, no_js, url):
    """Work out the date (issue 16): without JavaScript, each deadline reads as a rule in words,
    and no field waits for a date that nothing would turn into a deadline."""
    page = no_js(PHONE)
    page.goto(server.url + url)
    rules = page.locator(".kb-dates-rule").all_inner_texts()
    assert rules and all(("60" in rule or "30" in rule) and rule.rstrip().endswith(".") for rule in rules), rules
    assert page.locator(".kb-dates-rule").first.is_visible()
    assert not page.locator(".kb-dates input, .kb-dates label, .kb-dates a").filter(visible=True).count()
    if "eligibility" in url:
        steps = len(load_knowledge(ROOT / "data").timeline)
        assert page.locator("ol.kb-steps > li").filter(visible=True).count() == steps
