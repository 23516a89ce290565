"""The real site, built strict once: what a visitor gets."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urldefrag, urlparse

import pytest

from kb.load import load_knowledge
from kb.records import add_months, cfr_url

from conftest import ROOT, section, text

KNOWLEDGE = load_knowledge(ROOT / "data")


def test_comparison_table_has_a_row_per_data_row(site):
    table = site.html("ot-and-pt/").select_one("article table")
    rows = [[text(cell) for cell in tr.select("th, td")] for tr in table.select("tbody tr")]
    assert rows == [[r.aspect, r.ot, r.pt] for r in KNOWLEDGE.comparison]
    headers = [text(th) for th in table.select("thead th")]
    assert headers[1:] == ["Occupational therapy (OT)", "Physical therapy (PT)"]


def test_ot_and_pt_page_links_each_regulation_to_the_official_text(site):
    links = {a["href"] for a in site.html("ot-and-pt/").select("article a[href]")}
    for cfr in ("300.34(a)", "300.34(c)(6)", "300.34(c)(9)"):
        assert cfr_url(cfr) in links
    assert "https://www.ecfr.gov/current/title-34/section-300.34#p-300.34(c)(6)" in links


@pytest.mark.parametrize("condition", KNOWLEDGE.conditions.values(), ids=lambda c: c.id)
def test_each_condition_has_its_page_with_strategies_ratings_and_sources(site, condition):
    page = site.html(f"conditions/{condition.id}/")
    assert text(page.select_one("article h1")) == condition.title
    assert page.find("meta", attrs={"name": "description"})["content"] == condition.summary
    for strategy in (KNOWLEDGE.strategies[i] for i in condition.strategies):
        heading = page.select_one(f"article h3#{strategy.id}")
        assert heading is not None, f"no heading with id {strategy.id}"
        assert text(heading) == strategy.name
        block = section(heading, until=("h2", "h3"))
        said = " ".join(text(b) for b in block)
        rating = strategy.rating_for(condition.id)  # its own, or the one for these children
        assert KNOWLEDGE.evidence[rating.evidence].label in said
        assert rating.evidence_note in said
        hrefs = {a["href"] for b in block for a in b.select("a[href]")}
        assert {KNOWLEDGE.sources[s].link for s in rating.sources} <= hrefs
    for part in ("at-school", "how-ot-helps", "strategies", "goals", "accommodations"):
        assert page.select_one(f"article h2#{part}") is not None
    shown = text(page.select_one("article"))
    assert all(item in shown for item in [*condition.goals, *condition.accommodations]), condition.id


def nav_titles(page) -> list[str]:
    return [text(a) for a in page.select("nav.md-nav--primary > ul a.md-nav__link") if text(a)]


def test_navigation_lists_every_page_and_each_condition_by_its_title(site):
    titles = nav_titles(site.html(""))
    for expected in ["OT and PT: what is the difference?", "Conditions and needs", "About this site"]:
        assert expected in titles
    for condition in KNOWLEDGE.conditions.values():
        assert condition.title in titles


def test_conditions_index_links_every_condition(site):
    page = site.html("conditions/")
    links = {a["href"]: text(a) for a in page.select("article a[href]")}
    for condition in KNOWLEDGE.conditions.values():
        assert links.get(f"{condition.id}/") == condition.title
    for level in KNOWLEDGE.evidence.values():
        assert level.label in text(page.select_one("article"))


def test_every_page_shows_last_reviewed_and_next_review_due_and_has_a_description(site):
    for url in site.pages():
        page = site.html(url)
        dates = page.select(".kb-last-reviewed time")
        assert len(dates) == 2, f"{url or 'home'} does not show Last reviewed and Next review due"
        shown = text(page.select_one(".kb-last-reviewed"))
        assert shown == f"Last reviewed: {dates[0]['datetime']} · Next review due: {dates[1]['datetime']}", url or "home"
        reviewed, due = (dt.date.fromisoformat(time["datetime"]) for time in dates)
        # No page sets its own next_review yet: every due date is the rule's (tests/test_review.py tries one).
        assert due == add_months(reviewed, KNOWLEDGE.review.review_every_months), url or "home"
        description = page.find("meta", attrs={"name": "description"})
        assert description and description["content"].strip(), f"{url} has no description"


# The locale overrides/main.html names for each edition: Spanish as read in the United States.
LOCALES = {"en": "en_US", "es": "es_US"}


def test_every_page_has_a_link_preview_and_one_canonical_address(site, edition):
    """What a chat app or an email shows for a pasted link: title, summary, picture, address.
    A Spanish page's address is its own, below /es/, and its preview says it is Spanish."""
    site_url = "http://127.0.0.1:8000/"  # mkdocs.yml's default when SITE_URL is not set
    for url in edition.site.pages():
        head = edition.site.html(url).head
        meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in head.select("meta[content]")}
        canonical = head.select_one("link[rel=canonical]")["href"]
        assert canonical == site_url + edition.prefix + url, url
        assert meta["og:url"] == canonical, url
        assert meta["og:title"].strip() and meta["og:title"] in head.title.text, url
        assert meta["og:description"] == meta["description"], url
        assert 40 <= len(meta["description"]) <= 200, f"{url}: a description of {len(meta['description'])} characters"
        assert meta["og:locale"] == LOCALES[edition.language], url
        assert meta["og:image"] == site_url + edition.prefix + "assets/kb/social-card.png", url
        assert meta["twitter:card"] == "summary_large_image"
    # The picture is where its absolute address points, in this edition's folder.
    card = (site.root / edition.prefix / "assets/kb/social-card.png").read_bytes()
    assert card[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(card[16:20], "big"), int.from_bytes(card[20:24], "big")) == (1200, 630)


def test_every_internal_link_and_anchor_resolves(site):
    checked = 0
    for url in site.pages():
        page = site.html(url)
        for a in page.select("a[href]"):
            href = a["href"]
            if urlparse(href).scheme or href.startswith(("mailto:", "//")):
                continue
            target, fragment = urldefrag(href)
            base = (site.root / url)
            path = (base / target).resolve() if target else base.resolve()
            if path.is_dir():
                path = path / "index.html"
            assert path.is_file(), f"{url}: link {href} goes nowhere"
            if fragment and path.suffix == ".html":
                ids = {tag.get("id") for tag in site.html(path.relative_to(site.root).as_posix()).select("[id]")}
                assert fragment in ids, f"{url}: link {href} has no #{fragment} there"
            checked += 1
    assert checked > 20


def test_no_page_asks_another_host_for_anything(site):
    for url in site.pages():
        page = site.html(url)
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and element.get("rel") == ["canonical"]:
                    continue
                assert not urlparse(value).scheme, f"{url}: <{tag}> loads {value}"


def test_search_index_has_each_condition_page(site):
    index = json.loads((site.root / "search" / "search_index.json").read_text())
    titles = {d["location"]: d["title"] for d in index["docs"]}
    for condition in KNOWLEDGE.conditions.values():
        assert titles.get(f"conditions/{condition.id}/") == condition.title


def test_each_iep_area_has_its_section_with_examples_and_a_sample_goal(site):
    page = site.html("ot-in-the-iep/").select_one("article")
    for area in KNOWLEDGE.iep_areas.values():
        heading = page.select_one(f"h2#{area.id}")
        assert heading is not None and text(heading) == area.title, area.id
        shown = " ".join(text(node) for node in section(heading))
        assert f"Sample goal: {area.sample_goal}" in shown, area.id
        assert all(example in shown for example in area.examples), area.id


# Link words that do not say where the link goes: a screen reader's list of links, or a reader
# skimming, learns nothing from them.
VAGUE_LINK_WORDS = {"here", "click here", "this", "this page", "read more", "more", "link", "page", "go"}


def test_every_link_says_where_it_goes(site):
    vague = [
        f"{url or '/'}: {words!r}"
        for url in site.pages()
        for a in site.html(url).select("article a:not(.headerlink)")
        if (words := text(a).lower().strip(".")) in VAGUE_LINK_WORDS or not words
    ]
    assert not vague
