"""Every page, in Debian's chromium, for readers with disabilities and readers on phones.

axe-core (bundled by axe-playwright-python) runs every WCAG 2.2 A and AA rule and its best
practices on every page, at a phone's width and at a desktop's. No rule is switched off.
The other tests cover what axe cannot see: sideways scrolling, a table read on a phone, text
at twice the size, and a focus ring a keyboard user can follow.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import DESKTOP, PHONE, axe_violations


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("width", ["phone_walk", "desktop_walk"], ids=["phone", "desktop"])
def test_axe_finds_nothing_on_any_page(width, request):
    found = {url or "/": v.axe for url, v in request.getfixturevalue(width).items() if v.axe}
    assert not found, "\n".join(f"{page}: {p}" for page, problems in found.items() for p in problems)


def test_axe_sees_the_search_dialog_open_too(server, axe, browser):
    """The dialog is hidden until opened, and axe checks only what a reader can see."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url)
    page.click("label.md-header__button[for='__search']")
    page.keyboard.type("pencil", delay=20)
    page.wait_for_selector(".md-search-result__item")
    assert page.get_attribute(".md-search", "aria-label") == "Search"
    assert not axe_violations(axe, page)
    context.close()


@pytest.mark.parametrize(("missing", "first"), [("nope/", "en"), ("es/nope/", "es")], ids=["english", "spanish"])
def test_axe_finds_nothing_on_the_not_found_page(site, server, axe, browser, missing, first):
    """The walks above read every page, not 404.html, which a reader only meets at an address
    that does not exist: served here as GitHub Pages serves it, at a missing address in either
    edition (below /es/ its script puts the Spanish first)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.route(server.url + missing, lambda route: route.fulfill(status=404, path=site.root / "404.html"))
    page.goto(server.url + missing, wait_until="networkidle")
    assert page.locator(".kb-not-found > section").first.get_attribute("lang") == first
    assert not axe_violations(axe, page)
    context.close()


@pytest.mark.parametrize("width", ["narrowest_walk", "phone_walk"], ids=["320px", "360px"])
def test_no_page_scrolls_sideways_on_a_phone(width, request):
    limit = 320 if width == "narrowest_walk" else PHONE["width"]
    too_wide = {url or "/": v.scroll_width for url, v in request.getfixturevalue(width).items()
                if v.scroll_width > limit}
    assert not too_wide, f"wider than {limit}px: {too_wide}"


def test_the_ot_pt_table_reads_as_cards_on_a_phone(server, browser):
    """Each row a block the width of the screen, each answer labelled OT or PT, text full size."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url + "ot-and-pt/")
    cells = page.eval_on_selector_all(".kb-compare td", """cells => cells.map(cell => {
        const box = cell.getBoundingClientRect()
        return {left: box.left, right: box.right, label: getComputedStyle(cell, '::before').content,
                size: parseFloat(getComputedStyle(cell).fontSize),
                body: parseFloat(getComputedStyle(document.querySelector('article > p')).fontSize),
                scrolls: cell.closest('.md-typeset__scrollwrap')?.scrollWidth >
                         cell.closest('.md-typeset__scrollwrap')?.clientWidth}
    })""")
    context.close()
    assert cells
    for cell in cells:
        assert 0 <= cell["left"] and cell["right"] <= PHONE["width"]
        assert cell["label"] in ('"Occupational therapy (OT)"', '"Physical therapy (PT)"')
        assert cell["size"] >= cell["body"]  # as large as the text around it, not Material's small table text
        assert not cell["scrolls"]


@pytest.mark.parametrize("url_path", ["", "ot-and-pt/", "conditions/autism/", "glossary/"])
def test_text_at_twice_the_size_loses_nothing(server, browser, url_path):
    """WCAG 1.4.4: a reader who sets a larger text size (here 200%) still gets every line,
    with no sideways scrolling and no text cut off by its box."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.url + url_path)
    page.evaluate("document.documentElement.style.fontSize = '250%'")  # Material's base is 125%
    clipped = page.evaluate("""() => [...document.querySelectorAll('.md-content *, .md-nav *')]
        .filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1
                     && ['hidden', 'clip'].includes(getComputedStyle(e).overflowX))
        .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))""")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= DESKTOP["width"]
    assert not clipped


def test_keyboard_focus_is_always_visible(server, browser):
    """Tab through the start of a page: every stop shows a ring of at least 2px."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.url + "conditions/autism/")
    unseen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        ring = page.evaluate("""() => {
            const e = document.activeElement, style = getComputedStyle(e)
            return {what: e.outerHTML.slice(0, 80), style: style.outlineStyle,
                    width: parseFloat(style.outlineWidth)}
        }""")
        if ring["style"] == "none" or ring["width"] < 2:
            unseen.append(ring["what"])
    context.close()
    assert not unseen
