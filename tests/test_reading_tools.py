"""Tools a parent can use, not only read (issue 16): the ratings at a glance as badges, "On this
page" on long pages, a copy-link control a parent recognises, the letter first on the page about
asking for an evaluation, and "Was this page useful? Tell us" where the publisher has an email.
Read from the built site's HTML, and in chromium at phone width, on paper and without JavaScript.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from axe_playwright_python.sync_playwright import Axe

from browser import DESKTOP, PHONE, SiteServer, visit
from conftest import NARROWEST, ROOT, Site, section, text

from kb.build import knowledge_for
from kb.icons import icon_svg
from kb.reading_tools import MANY_SECTIONS
from kb.words import words_for

KNOWLEDGE = {"en": knowledge_for(ROOT, "en"), "es": knowledge_for(ROOT, "es")}
CONDITIONS = list(KNOWLEDGE["en"].conditions.values())
LINK_COPIED = {"en": "Link copied", "es": "Enlace copiado"}
TELL_US = {"en": ("Was this page useful?", "Tell us"), "es": ("¿Le sirvió esta página?", "Díganos")}


@pytest.fixture(scope="module", params=["en", "es"])
def edition(request, site, spanish_site):
    """(language, built site) for each edition."""
    return request.param, site if request.param == "en" else spanish_site


def article(site, url):
    return site.html(url).select_one("article")


def icon_path(svg) -> str:
    return svg.select_one("path")["d"]


# --- The evidence at a glance ------------------------------------------------------------------


@pytest.mark.parametrize("condition", CONDITIONS, ids=lambda c: c.id)
def test_each_condition_page_opens_its_strategies_with_every_rating(edition, condition):
    language, site = edition
    knowledge = KNOWLEDGE[language]
    page = article(site, f"conditions/{condition.id}/")
    strategies_heading = page.select_one("h2#strategies")
    before_first_strategy = section(strategies_heading, until=("h2", "h3"))
    at_a_glance = [node for node in before_first_strategy if "kb-ratings" in (node.get("class") or [])]
    assert len(at_a_glance) == 1, "no list of ratings between the Strategies heading and the first strategy"
    items = at_a_glance[0].select("li")
    # One item per strategy, in the order of the sections below.
    sections = [h3["id"] for h3 in strategies_heading.find_all_next("h3") if h3.find_previous("h2") is strategies_heading]
    assert [li.a["href"] for li in items] == [f"#{s}" for s in condition.strategies] == [f"#{s}" for s in sections]
    for li, strategy_id in zip(items, condition.strategies):
        strategy = knowledge.strategies[strategy_id]
        level = knowledge.evidence[strategy.rating_for(condition.id).evidence]
        assert text(li.a) == strategy.name
        assert page.select_one(f"h3#{strategy_id}") is not None  # each link lands on its section
        badge = li.select_one(".kb-badge")
        assert text(badge) == level.label, strategy_id
        assert f"kb-badge--{level.id}" in badge["class"]
        # The section shows the same badge under "What the research says".
        shown = [b for node in section(page.select_one(f"h3#{strategy_id}"), until=("h2", "h3"))
                 for b in node.select(".kb-badge")]
        assert [str(b) for b in shown] == [str(badge)], strategy_id
    # And the way to what the ratings mean.
    assert at_a_glance[0].select("a")[-1]["href"] == "../#evidence-scale"
    assert text(at_a_glance[0].select("a")[-1]) == words_for(language).ratings_explained


def test_every_badge_shows_the_words_of_its_level_and_an_icon_hidden_from_screen_readers(edition):
    language, site = edition
    levels = {level.id: level for level in KNOWLEDGE[language].evidence.values()}
    seen = set()
    for url in site.pages():
        for badge in site.html(url).select("article .kb-badge"):
            level_id = next(c.removeprefix("kb-badge--") for c in badge["class"] if c.startswith("kb-badge--"))
            level = levels[level_id]
            assert text(badge) == level.label, (url, level_id)  # the words, always there
            svg = badge.select_one("svg")
            assert svg is not None and svg["aria-hidden"] == "true" and svg.get("focusable") == "false", url
            assert icon_path(svg) in icon_svg(level.icon), (url, level_id)  # the icon data names
            seen.add(level_id)
    assert seen == set(levels), f"levels never shown as a badge: {set(levels) - seen}"


def test_each_level_has_an_icon_of_its_own():
    icons = [icon_svg(level.icon) for level in KNOWLEDGE["en"].evidence.values()]
    assert all(icons) and len(set(icons)) == len(icons)


def test_the_page_that_explains_the_scale_shows_the_same_badges(edition):
    language, site = edition
    levels = list(KNOWLEDGE[language].evidence.values())
    scale = section(article(site, "conditions/").select_one("h2#evidence-scale"))
    badges = [b for node in scale for b in node.select(".kb-badge")]
    assert [text(b) for b in badges] == [level.label for level in levels]
    on_condition_pages = {str(b) for c in CONDITIONS
                          for b in article(site, f"conditions/{c.id}/").select(".kb-badge")}
    shown_on_both = [b for b in badges if str(b) in on_condition_pages]
    assert len(shown_on_both) >= 4, "the scale's badges differ from the condition pages' ones"
    for badge, level in zip(badges, levels):  # and each says what it means beside it
        assert level.meaning in text(badge.parent)


def test_badges_read_at_320px_and_on_paper(server, browser):
    context = browser.new_context(viewport=NARROWEST, is_mobile=True, has_touch=True)
    page = context.new_page()
    for url in ("conditions/autism/", "es/conditions/autism/", "conditions/"):
        page.goto(server.url + url)
        page.emulate_media(media="screen")
        badges = page.locator("article .kb-badge")
        assert badges.count() >= 5
        for i in range(badges.count()):
            badge = badges.nth(i)
            box, icon = badge.bounding_box(), badge.locator("svg").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= NARROWEST["width"], (url, i)
            assert icon["width"] >= 12 and icon["height"] >= 12, (url, i)  # the icon shows, at text size
            # No word cut off: the badge is as wide as its words need.
            assert badge.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), (url, i)
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROWEST["width"]
        page.emulate_media(media="print")
        style = badges.first.evaluate(
            "b => { const s = getComputedStyle(b); return [s.color, s.borderTopColor, s.borderTopStyle, s.display] }")
        assert style[:3] == ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "solid"] and style[3] != "none", url  # black, boxed
        assert badges.first.locator("svg").bounding_box()["width"] > 0
    context.close()


# --- Phone first: "On this page" ---------------------------------------------------------------


def test_pages_with_many_sections_say_what_they_hold_under_at_a_glance(edition):
    language, site = edition
    name = words_for(language).on_this_page
    with_list = 0
    for url in site.pages():
        page = article(site, url)
        sections = page.select("h2[id]")
        lists = page.select("nav.kb-on-this-page")
        if len(sections) < MANY_SECTIONS:
            assert not lists, url
            continue
        with_list += 1
        assert len(lists) == 1, url
        nav = lists[0]
        assert nav["aria-label"] == name and text(nav.select_one(".kb-on-this-page__title")) == name, url
        links = nav.select("a")
        assert [a["href"] for a in links] == [f"#{h2['id']}" for h2 in sections], url
        assert [text(a) for a in links] == [text(h2) for h2 in sections], url
        glance = nav.find_previous_sibling()
        assert "kb-glance" in glance.get("class", []), f"{url}: the list is not right under 'At a glance'"
    assert with_list >= 20  # the condition pages, the rights, the glossary ...


@pytest.mark.parametrize("url", ["conditions/autism/", "rights/", "es/rights/", "request-an-evaluation/"])
def test_on_a_phone_on_this_page_shows_in_the_first_screen_and_beside_the_contents_it_hides(server, browser, url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url + url)
    title = page.locator("article .kb-on-this-page__title")
    assert title.is_visible()
    box = title.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], f"'On this page' starts below the first screen ({box})"
    first = page.locator("article .kb-on-this-page a").first
    target = first.get_attribute("href")
    first.tap()
    page.wait_for_url(f"**/{url}{target}")
    context.close()
    # On a wide screen Material's table of contents beside the page holds the same links.
    desktop = browser.new_context(viewport=DESKTOP)
    page = desktop.new_page()
    page.goto(server.url + url)
    assert page.locator(".md-sidebar--secondary .md-nav__link").first.is_visible()
    assert not page.locator("article .kb-on-this-page").is_visible()
    desktop.close()


# --- Phone first: the copy-link control ----------------------------------------------------------


def test_every_heading_has_a_copy_link_control_in_words_not_a_bare_mark(edition):
    language, site = edition
    words = words_for(language).copy_link
    for url in site.pages():
        page = article(site, url)
        assert "¶" not in page.get_text(), url
        for link in page.select(".headerlink"):
            heading = link.parent
            assert link["href"] == f"#{heading['id']}", url  # a real link to the section
            assert " ".join(link.get_text().split()) == words, url
            svg = link.select_one("svg")
            assert svg is not None and svg["aria-hidden"] == "true", url
            assert not link.get("title"), url  # the words say it; no tooltip repeating them


@pytest.mark.parametrize("language", ["en", "es"])
def test_copy_link_copies_the_full_address_and_says_so(server, browser, language):
    prefix = "" if language == "en" else "es/"
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server.url + prefix + "conditions/autism/")
    control = page.locator("#strategies .headerlink")
    expect(control).to_have_accessible_name(words_for(language).copy_link)
    assert control.is_visible()  # no hover on a phone, so it always shows
    control.tap()
    status = page.locator(".kb-copied[role=status]")
    expect(status).to_have_text(LINK_COPIED[language])
    assert page.evaluate("navigator.clipboard.readText()") == server.url + prefix + "conditions/autism/#strategies"
    # With a keyboard: Tab to it, Enter.
    other = page.locator("#goals .headerlink")
    other.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#goals'")
    assert page.evaluate("navigator.clipboard.readText()") == server.url + prefix + "conditions/autism/#goals"
    expect(status).to_have_text(LINK_COPIED[language])
    expect(status).to_have_text("", timeout=5000)  # and the note goes away
    context.close()


def test_without_javascript_the_tools_still_work(server, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url + "conditions/autism/")
    control = page.locator("#goals .headerlink")
    assert control.is_visible() and control.inner_text().strip() == "Copy link"
    control.tap()
    page.wait_for_url("**/conditions/autism/#goals")  # the address of the section, ready to copy
    page.locator("article .kb-on-this-page a", has_text=words_for("en").questions).tap()
    page.wait_for_url("**/conditions/autism/#questions")
    page.locator("article .kb-ratings a").first.tap()
    page.wait_for_url(f"**/conditions/autism/#{KNOWLEDGE['en'].conditions['autism'].strategies[0]}")
    context.close()


# --- The letter before the background ----------------------------------------------------------


def test_asking_for_an_evaluation_starts_with_the_letter(edition):
    _, site = edition
    page = article(site, "request-an-evaluation/")
    order = [h2["id"] for h2 in page.select("h2[id]")]
    assert order[0] == "sample-letter", order
    for background in ("why-and-when", "what-happens-next", "evaluation-rules"):
        assert order.index(background) > order.index("what-to-include"), order
    letter = page.select_one("blockquote")
    assert letter.find_previous("h2")["id"] == "sample-letter"  # the letter itself, under its heading


# --- Tell us -------------------------------------------------------------------------------------

UNRESERVED_OR_ENCODED = re.compile(r"^[A-Za-z0-9\-._~]*(%[0-9A-F]{2}[A-Za-z0-9\-._~]*)*$")


@pytest.fixture(scope="module", params=["en", "es"])
def lakeside_edition(request, lakeside):
    return request.param, lakeside if request.param == "en" else Site(lakeside.root / "es")


def test_every_page_of_a_site_with_an_email_ends_with_tell_us(lakeside_edition):
    language, site = lakeside_edition
    question, link_words = TELL_US[language]
    for url in site.pages():
        page = site.html(url)
        tell_us = page.select("article .kb-tell-us")
        assert len(tell_us) == 1, url
        assert tell_us[0] is page.select_one("article").find_all(recursive=False)[-1], f"{url}: not at the end"
        assert text(tell_us[0]) == f"{question} {link_words}", url
        href = tell_us[0].a["href"]
        mailto = urlsplit(href)
        assert mailto.scheme == "mailto" and mailto.path == "help@lakeside-parents.example", url
        fields = dict(part.split("=", 1) for part in mailto.query.split("&"))
        assert set(fields) == {"subject", "body"}, url
        assert all(UNRESERVED_OR_ENCODED.match(value) for value in fields.values()), f"{url}: {href}"
        decoded = {name: values[0] for name, values in parse_qs(mailto.query).items()}
        assert decoded["subject"] == unquote(fields["subject"])  # no '+' read as a space, no stray '&'
        assert decoded["subject"] == text(page.select_one("article h1")), url  # the page's title
        assert decoded["body"] == page.find("link", rel="canonical")["href"], url


@pytest.mark.parametrize("url", ["", "conditions/autism/", "es/rights/"])
def test_tell_us_passes_axe_at_both_widths_and_stays_off_paper(lakeside, browser, url):
    """The default site has no email, so the walks of tests/test_accessibility.py never meet it."""
    with SiteServer(lakeside.root) as served:
        for viewport in (PHONE, DESKTOP):
            seen = visit(browser, served, url, viewport, Axe())
            assert not seen.axe, (url, viewport, seen.axe)
            assert not seen.other_hosts, url
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(served.url + url)
        assert page.locator(".kb-tell-us").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".kb-tell-us").is_visible()
        context.close()


def test_a_site_without_an_email_has_no_tell_us(site, spanish_site):
    for edition_site in (site, spanish_site):
        for url in edition_site.pages():
            page = edition_site.html(url)
            assert not page.select(".kb-tell-us"), url
            assert not page.select("a[href^='mailto:']"), url
