"""The real search box, in Debian's chromium at a phone's width, typed into key by key.

It must list the same pages as tests/search_replica.py (so the quality figures measured there
hold for readers), and work on a 360px screen: open, take input, show results a thumb can tap,
and help when nothing matches.
"""

from __future__ import annotations

import re
import time

import pytest
import yaml

from browser import PHONE
from conftest import ROOT
from search_replica import Replica

SPANISH_QUERIES = ROOT / "tests" / "reference" / "search-queries-es.yml"
# Beside those, typing slips the worker reads fuzzily, in each edition: the box must agree too.
SLIPS = [{"q": "autimo", "expect": "autism"}, {"q": "escritrura", "expect": "handwriting"},
         {"q": "tdha", "expect": "focus"}, {"q": "hiperactibo", "expect": "focus"}]

# A spread of what parents type: acronyms, a phrase with little words, a misspelling,
# a query whose only clue is a title word, and Material's own punctuation cases.
QUERIES = [
    "ot vs pt", "can't hold a pencil", "choking at lunch", "part c", "adhd", "austism",
    "independent evaluation", "504 plan", "refuses to go to school", "What is occupational therapy (OT)?",
    "handwritting", "sensery",  # typing slips, read fuzzily by the site's worker
]


@pytest.fixture()
def phone(browser, server):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server.url)
    yield page, errors
    context.close()


def open_search(page) -> None:
    page.click("label.md-header__button[for='__search']")
    page.wait_for_selector(".md-search__input", state="visible")


# What the result line says once results are in, in each edition (Material's words, and ours
# for no match): "3 matching documents", "3 documentos encontrados".
SETTLED = ("matching", "No page", "encontrado", "Ninguna página")


def search(page, query: str) -> list[str]:
    """Type the query as a person does, and read the page titles once the list stops changing."""
    page.fill(".md-search__input", "")
    page.focus(".md-search__input")
    page.keyboard.type(query, delay=20)
    deadline, last = time.monotonic() + 10, None
    while time.monotonic() < deadline:
        meta = page.inner_text(".md-search-result__meta")
        titles = page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link h1", "els => els.map(e => e.innerText.trim())"
        )
        if any(done in meta for done in SETTLED) and titles == last:
            return titles
        last = titles
        page.wait_for_timeout(250)
    raise AssertionError(f"search results for {query!r} never settled: {meta!r}")


def test_the_search_box_lists_the_same_pages_as_the_replica(phone, site):
    page, errors = phone
    replica = Replica(site.root)
    open_search(page)
    differences = []
    for query in QUERIES:
        in_browser = search(page, query)[:3]
        replayed = [p.title for p in replica.search(query)[:3]]
        if in_browser != replayed:
            differences.append(f"{query!r}: browser {in_browser} ≠ replica {replayed}")
    assert not differences
    assert not errors


def test_on_a_phone_search_opens_takes_input_and_shows_results_to_tap(phone, server):
    page, errors = phone
    open_search(page)
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    search(page, "handwriting")
    first = page.locator(".md-search-result__item > .md-search-result__link").first
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1  # no sideways scrolling to reach it
    assert box["height"] >= 24  # a tap target, WCAG 2.2 (2.5.8)
    first.tap()
    page.wait_for_url("**/conditions/handwriting-and-fine-motor/**")
    assert not errors


def test_no_match_says_what_to_try_and_where_to_go(phone, server):
    page, errors = phone
    open_search(page)
    search(page, "zxqv")
    meta = page.inner_text(".md-search-result__meta")
    assert "Try one or two simple words" in meta
    help_line = page.locator(".kb-search-help")
    assert help_line.is_visible()
    links = {a.inner_text(): a.get_attribute("href") for a in help_line.locator("a").all()}
    assert links["See every topic"].endswith("/#all-topics")
    assert links["glossary"].endswith("/glossary/")
    help_line.locator("a", has_text="glossary").tap()
    page.wait_for_url("**/glossary/")
    assert not errors


def test_in_spanish_no_match_says_what_to_try_in_spanish(phone, server):
    page, errors = phone
    page.goto(server.url + "es/")
    open_search(page)
    search(page, "zxqv")
    assert "Pruebe una o dos palabras sencillas" in page.inner_text(".md-search-result__meta")
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator(".kb-search-help a").all()}
    assert links["Vea todos los temas"].endswith("/es/#all-topics")
    assert links["glosario"].endswith("/es/glossary/")
    assert not errors


def test_the_spanish_search_box_finds_every_shared_query_as_the_replica_does(phone, server, spanish_site):
    """Every query of tests/reference/search-queries-es.yml and a few typing slips, typed into the
    real box on /es/: the same first three pages as the replica, and among them the page the
    query expects."""
    page, errors = phone
    page.goto(server.url + "es/")
    replica = Replica(spanish_site.root)
    open_search(page)
    problems = []
    for query in yaml.safe_load(SPANISH_QUERIES.read_text(encoding="utf-8")) + SLIPS:
        in_browser = search(page, query["q"])[:3]
        replayed = replica.search(query["q"])[:3]
        if in_browser != [p.title for p in replayed]:
            problems.append(f"{query['q']!r}: browser {in_browser} ≠ replica {[p.title for p in replayed]}")
        elif not any(re.search(query["expect"], f"{p.title} {p.location}", re.I) for p in replayed):
            problems.append(f"{query['q']!r}: {in_browser} has no page matching {query['expect']!r}")
    assert not problems
    assert not errors
