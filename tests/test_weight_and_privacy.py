"""What a visit costs a parent on a slow phone plan, and who else hears about it.

First view: every file the first visit to a page downloads, gzipped as GitHub Pages sends it,
measured by the server that sent it (tools/browser.py). `python3 dev.py bench` prints the
same figures per page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from browser import PHONE, first_view

BUDGET = 100 * 1024  # bytes, gzipped, for the first view of any page


def test_first_view_of_every_page_is_at_most_100_kb(phone_walk):
    over = {}
    for url_path, seen in phone_walk.items():
        files = seen.files
        assert any(p.name == "index.html" for p in files), f"{url_path}: the page itself was not fetched"
        if sum(files.values()) > BUDGET:
            over[url_path or "/"] = {p.name: size for p, size in files.items()}
    assert not over


def test_search_downloads_its_index_only_when_a_reader_opens_it(server, browser):
    """The index is a third of a first view; most readers never search."""
    files = first_view(browser, server, "")
    assert "search_index.json" not in {p.name for p in files}
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url, wait_until="networkidle")
    with page.expect_response("**/search/search_index.json"):
        page.click("label.md-header__button[for='__search']")
    page.keyboard.type("pencil", delay=20)
    page.wait_for_selector(".md-search-result__item")
    context.close()


def test_no_page_asks_another_host_for_anything_even_when_searching(phone_walk, server, browser):
    """No fonts, scripts, images or analytics from elsewhere: nobody learns who reads what."""
    elsewhere = {url for seen in phone_walk.values() for url in seen.other_hosts}
    own = urlsplit(server.url).netloc
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.on("request", lambda request: elsewhere.add(request.url) if urlsplit(request.url).netloc != own
               and not request.url.startswith(("data:", "blob:")) else None)
    page = context.new_page()
    page.goto(server.url, wait_until="networkidle")
    page.click("label.md-header__button[for='__search']")
    page.keyboard.type("handwriting", delay=20)
    page.wait_for_selector(".md-search-result__item")
    context.close()
    assert not elsewhere
