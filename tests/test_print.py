"""Paper: every page prints clean, with the address of each link; each printable fits one sheet.

The browser tests print the real site in Debian's chromium (print media, then PDF on Letter and
A4) and count the PDF's pages with pypdf. The rest read the built HTML and the sources.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import urljoin

import pypdf
import pytest

from browser import DESKTOP
from kb.load import load_knowledge
from kb.printing import add_print_addresses
from kb.render import HANDOUT_LIMIT, keep_line_breaks

from conftest import ROOT, section, text

KNOWLEDGE = load_knowledge(ROOT / "data")
SHARED_TEXTS = ROOT / "data" / "text"
# The home page, the longest page, and a page made from data.
ORDINARY_PAGES = ["", "glossary/", "conditions/autism/"]
# What a screen needs and paper does not. `on_screen`: shown on a desktop screen (the back-to-top
# button shows only after scrolling, so it is only required to exist).
SCREEN_ONLY = {
    "header": (".md-header", True),
    "navigation sidebar": (".md-sidebar--primary", True),
    "table of contents sidebar": (".md-sidebar--secondary", True),
    "search": (".md-search", True),
    "footer": (".md-footer", True),
    "back-to-top button": (".md-top", False),
    "copy-link controls": ("article .headerlink", True),
}
PAPER_SIZES = ("Letter", "A4")


def handout_url(condition_id: str) -> str:
    return f"print/handouts/{condition_id}/"


def published_address(site, url: str) -> str:
    """A page's address as the site publishes it (its canonical link, made from site_url)."""
    return site.html(url).find("link", rel="canonical")["href"]


def squeeze(words: str) -> str:
    """Text without any whitespace: a PDF breaks lines (and long addresses) where it likes."""
    return "".join(words.split())


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


# --- Every page on paper ----------------------------------------------------------------------


@pytest.fixture()
def desktop(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def visible(page, selector: str) -> bool:
    return any(element.is_visible() for element in page.locator(selector).all())


def after_content(page, selector: str) -> str:
    """What CSS writes after the first element that matches, as the browser computed it."""
    return page.eval_on_selector(selector, "e => getComputedStyle(e, '::after').content")


@pytest.mark.parametrize("url", ORDINARY_PAGES)
def test_paper_shows_the_text_and_none_of_the_screens_parts(desktop, server, url):
    page = desktop
    page.goto(server.url + url)
    for name, (selector, on_screen) in SCREEN_ONLY.items():
        assert page.locator(selector).count(), f"{url}: no {name} ({selector}) to hide: is the selector still right?"
        if on_screen:
            assert visible(page, selector), f"{url}: the {name} should show on screen"
    page.emulate_media(media="print")
    shown = [name for name, (selector, _) in SCREEN_ONLY.items() if visible(page, selector)]
    assert not shown, f"{url}: on paper these still show: {shown}"
    article = page.locator("article")
    assert article.is_visible() and "Last reviewed" in article.inner_text()
    # The whole width of the sheet, in black.
    assert article.bounding_box()["width"] >= 0.95 * DESKTOP["width"]
    assert page.eval_on_selector("article p", "e => getComputedStyle(e).color") == "rgb(0, 0, 0)"


@pytest.mark.parametrize("url", ORDINARY_PAGES)
def test_on_paper_a_link_to_another_page_shows_its_full_address(desktop, server, site, url):
    page = desktop
    page.goto(server.url + url)
    page.emulate_media(media="print")
    base = published_address(site, url)
    href = page.get_attribute("article a[href^='../'], article a[href$='/']:not([href^='http'])", "href")
    selector = f"article a[href='{href}']"
    assert after_content(page, selector) == f'" ({urljoin(base, href)})"', f"{url}: link {href}"
    assert urljoin(base, href).startswith(("http://", "https://"))


def test_on_paper_a_link_to_another_host_shows_its_address(desktop, server):
    page = desktop
    page.goto(server.url + "conditions/autism/")
    page.emulate_media(media="print")
    href = page.get_attribute("article a[href^='https://']", "href")
    assert after_content(page, f"article a[href='{href}']") == f'" ({href})"'


def test_on_paper_links_within_the_page_and_in_the_menus_show_no_address(desktop, server):
    page = desktop
    page.goto(server.url + "glossary/")
    page.emulate_media(media="print")
    assert after_content(page, "article a.headerlink") == "none"  # href="#…"
    assert after_content(page, "nav.md-nav--primary a.md-nav__link[href]") == "none"
    assert after_content(page, "article a[href^='../']") != "none"  # the same page does show others


def test_on_screen_no_address_is_shown(desktop, server):
    page = desktop
    page.goto(server.url + "conditions/autism/")
    assert after_content(page, "article a[href^='https://']") == "none"


def test_without_the_build_step_outside_links_still_show_their_address(desktop, server):
    """print.css's fallback, for a build that did not add data-kb-address (Zensical today)."""
    page = desktop
    page.goto(server.url + "conditions/autism/")
    page.evaluate("""() => {
        document.querySelector('article').removeAttribute('data-kb-addresses');
        document.querySelectorAll('[data-kb-address]').forEach(a => a.removeAttribute('data-kb-address'));
    }""")
    page.emulate_media(media="print")
    href = page.get_attribute("article a[href^='https://']", "href")
    assert after_content(page, f"article a[href='{href}']") == f'" ({href})"'
    assert after_content(page, "article a[href^='../']") == "none"  # a relative href would mean nothing


def test_a_link_whose_words_are_its_address_is_not_printed_twice(desktop, server, site):
    page = desktop
    page.goto(server.url + handout_url("autism"))
    page.emulate_media(media="print")
    address = published_address(site, "conditions/autism/")
    link = page.locator("article a", has_text=address)
    assert link.count() == 1
    assert link.evaluate("e => getComputedStyle(e, '::after').content") == "none"


# --- The date tools on paper (issue 16) ----------------------------------------------------------


@pytest.mark.parametrize("url,date", [("eligibility/", "October 31, 2026"), ("es/eligibility/", "31 de octubre de 2026")])
def test_the_steps_and_a_worked_out_date_print_as_words(desktop, server, url, date):
    """On paper: the steps at a glance with their deadline labels, each rule in words and the
    date worked out, but not the field to type in or the calendar link. The circles and the line
    are borders, in black: they print with the browser's background graphics off."""
    page = desktop
    page.goto(server.url + url)
    page.locator('.kb-dates[data-kb-dates="consent"] input').fill("2026-09-01")
    page.emulate_media(media="print")
    assert not visible(page, ".kb-dates input") and not visible(page, ".kb-dates-save")
    assert visible(page, ".kb-dates-rule") and visible(page, "ol.kb-steps")
    circle, line = page.eval_on_selector("ol.kb-steps > li", """e => [getComputedStyle(e, '::before').borderTopColor,
                                                                 getComputedStyle(e, '::after').borderLeftColor]""")
    steps = page.locator("ol.kb-steps > li").all_inner_texts()
    rules = page.locator(".kb-dates-rule").all_inner_texts()
    printed = squeeze(" ".join(pdf_pages(page.pdf(format="Letter"))))
    assert circle == line == "rgb(0, 0, 0)"
    missing = [words for words in [*steps, *rules] if squeeze(words) not in printed]
    assert len(steps) == len(KNOWLEDGE.timeline) and not missing, missing
    assert squeeze(date) in printed


# --- The printables: one sheet each ------------------------------------------------------------


def printables(site) -> dict[str, list[str]]:
    """Each printable page → words its printout must contain, so an empty page cannot pass."""
    pieces = {
        "print/request-letter/": ["Letter to ask for an evaluation", "Dear [Name],", "Sincerely,", "[Your signature]"],
        "print/iep-checklist/": ["IEP meeting checklist", "Before", "During", "After",
                                 "☐ I know who to call with questions."],
    }
    for condition in KNOWLEDGE.conditions.values():
        first_strategy = KNOWLEDGE.strategies[condition.strategies[0]]
        pieces[handout_url(condition.id)] = [
            condition.title, condition.how_ot_helps[0], first_strategy.name,
            KNOWLEDGE.evidence[first_strategy.evidence].label,
            f"More on the full page: {published_address(site, f'conditions/{condition.id}/')}",
            f"Last reviewed: {condition.last_reviewed.isoformat()}",
        ]
    return pieces


PRINTABLE_URLS = ["print/request-letter/", "print/iep-checklist/"] + [handout_url(c) for c in KNOWLEDGE.conditions]


@pytest.mark.parametrize("url", PRINTABLE_URLS)
def test_each_printable_fits_one_sheet_of_letter_and_of_a4(desktop, server, site, url):
    page = desktop
    page.goto(server.url + url)
    must_say = printables(site)[url]
    for size in PAPER_SIZES:
        sheets = pdf_pages(page.pdf(format=size))
        assert len(sheets) == 1, f"{url} prints on {len(sheets)} {size} pages; it must fit one"
        printed = squeeze(sheets[0])
        missing = [words for words in must_say if squeeze(words) not in printed]
        assert not missing, f"{url} on {size}: the printout lacks {missing}"
        assert "Use your browser's Print" not in sheets[0]  # the hint is for the screen only


@pytest.mark.parametrize("url", PRINTABLE_URLS)
def test_each_spanish_printable_fits_one_sheet_of_letter_and_of_a4(desktop, server, spanish_site, url):
    """The Spanish letter, checklist and handouts run longer than the English: one sheet still."""
    page = desktop
    page.goto(server.url + "es/" + url)
    title = text(spanish_site.html(url).select_one("article h1"))
    for size in PAPER_SIZES:
        sheets = pdf_pages(page.pdf(format=size))
        assert len(sheets) == 1, f"/es/{url} prints on {len(sheets)} {size} pages; it must fit one"
        assert squeeze(title) in squeeze(sheets[0]) and "Última revisión" in sheets[0], f"/es/{url} on {size}"
        assert "Use la opción Imprimir" not in sheets[0]  # the hint is for the screen only


def test_the_page_count_sees_a_long_page_run_over(desktop, server):
    page = desktop
    page.goto(server.url + "glossary/")
    assert len(pdf_pages(page.pdf(format="A4"))) > 1


def test_every_printable_is_on_the_print_page(site):
    links = {urljoin("print/", a["href"]) for a in site.html("print/").select("article a[href]")}
    assert set(PRINTABLE_URLS) <= links, sorted(set(PRINTABLE_URLS) - links)


# --- One source for each text ------------------------------------------------------------------


def letter(site, url: str) -> str:
    quotes = site.html(url).select("article blockquote")
    assert len(quotes) == 1, f"{url}: expected the letter as the page's one quote, found {len(quotes)}"
    return text(quotes[0])


def test_the_printable_letter_is_the_letter_on_its_page(site):
    heading = site.html("request-an-evaluation/").select_one("article h2#sample-letter")
    on_page = [text(q) for node in section(heading) for q in ([node] if node.name == "blockquote" else node.select("blockquote"))]
    assert len(on_page) == 1, "the Sample letter section should hold the letter as one quote"
    assert "Dear [Name]," in on_page[0]
    assert letter(site, "print/request-letter/") == on_page[0]


def checklist_lines(nodes) -> list[str]:
    """The checklist's headings and items, in order."""
    return [text(n) for node in nodes for n in node.select("p > strong, li")]


def test_the_printable_checklist_is_the_checklist_on_its_page(site):
    heading = site.html("iep-meeting/").select_one("article h2#checklist")
    on_page = checklist_lines(section(heading))
    assert len(on_page) >= 10 and "Before" in on_page
    assert checklist_lines([site.html("print/iep-checklist/").select_one("article")]) == on_page


def shared_lines() -> list[tuple[str, str]]:
    """(file, line) for each line of data/text/ long enough to be unmistakable."""
    return [(file.name, line.strip()) for file in sorted(SHARED_TEXTS.glob("*.md")) if file.name != "README.md"
            for line in file.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 25]


def test_no_page_holds_a_second_copy_of_a_shared_text():
    copies = [f"docs/{page.relative_to(ROOT / 'docs')}: {line!r} (from data/text/{name})"
              for page in sorted((ROOT / "docs").rglob("*.md"))
              for name, line in shared_lines() if line in page.read_text(encoding="utf-8")]
    assert len(shared_lines()) > 10
    assert not copies, "write {{ sample_letter() }} or {{ meeting_checklist() }} instead of copying:\n" + "\n".join(copies)


def test_each_line_of_a_shared_text_stays_a_line():
    assert keep_line_breaks("Sincerely,\n[Your name]\n\nNext") == "Sincerely,  \n[Your name]\n\nNext\n"
    assert keep_line_breaks("**Before**\n\n- one\n- two\n") == "**Before**\n\n- one\n- two\n"


# --- A handout for each condition --------------------------------------------------------------


@pytest.mark.parametrize("condition", KNOWLEDGE.conditions.values(), ids=lambda c: c.id)
def test_each_condition_has_its_handout_and_its_page_links_to_it(site, condition):
    stub = ROOT / "docs" / "print" / "handouts" / f"{condition.id}.md"
    line = f'{{{{ condition_handout("{condition.id}") }}}}'
    assert stub.is_file(), (f"docs/print/handouts/{condition.id}.md is missing: condition '{condition.id}' "
                            f"needs a one-page handout; create it with the one line {line}")
    assert stub.read_text(encoding="utf-8").strip() == line, f"docs/print/handouts/{condition.id}.md must hold only {line}"
    links = {a["href"] for a in site.html(f"conditions/{condition.id}/").select("article a[href]")}
    assert f"../../{handout_url(condition.id)}" in links


def test_a_long_list_is_cut_on_the_handout_and_the_full_page_has_it_all(site):
    longest = max(KNOWLEDGE.conditions.values(), key=lambda c: len(c.strategies))
    shown = text(site.html(handout_url(longest.id)).select_one("article"))
    names = [KNOWLEDGE.strategies[i].name for i in longest.strategies]
    assert len(names) > HANDOUT_LIMIT, "test set-up: no condition has more strategies than a handout shows"
    assert all(name in shown for name in names[:HANDOUT_LIMIT]) and names[-1] not in shown


def test_printables_are_left_out_of_search_and_every_other_page_is_in(site):
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    printable = {url for url in site.pages() if url.startswith("print/")}
    assert len(printable) == 3 + len(KNOWLEDGE.conditions)
    assert not printable & pages, sorted(printable & pages)
    assert set(site.pages()) - printable <= pages


# --- The build's addresses (kb/printing.py) ----------------------------------------------------


def test_the_build_gives_each_link_in_the_text_its_full_address():
    page = ('<nav><a href="../x/">menu</a></nav><article class="md-typeset">'
            '<a href="../rights/#iee">rights</a> <a href="#here">¶</a> '
            '<a href="https://example.org/a">A</a> <a href="../autism/">http://site.test/conditions/autism/</a>'
            '</article>')
    out = add_print_addresses(page, "http://site.test/conditions/adhd/")
    assert '<article class="md-typeset" data-kb-addresses>' in out
    assert '<a href="../rights/#iee" data-kb-address="http://site.test/conditions/rights/#iee">' in out
    assert '<a href="https://example.org/a" data-kb-address="https://example.org/a">' in out
    assert '<a href="#here">' in out and '<a href="../x/">menu' in out  # in-page, and outside the text
    assert '<a href="../autism/">http' in out  # its words are already its address
    assert re.findall("data-kb-address=", out) == ["data-kb-address="] * 2
