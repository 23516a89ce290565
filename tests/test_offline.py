"""The copy that opens from disk: `python3 dev.py offline` zips a build made with Material's
offline plugin, for a parent center to hand out on a USB stick. It must open from file://,
its links must lead from page to page, and the published site must stay as it is: the plugin
is on only for that command (OFFLINE=true, see mkdocs.yml). The Spanish edition is in the copy
too, below es/ (the English build builds it with the same settings), with its own search.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from browser import DESKTOP, PHONE
from conftest import ROOT, quiet_env

INDEX_SCRIPT_PREFIX = "var __index = "
# Each edition's folder in the copy, its search language, and a search word from data/ (English)
# or data/es/ (Spanish) for the autism page.
EDITIONS = {"en": ("", "en", "ASD"), "es": ("es/", "es", "TEA")}


def load_dev():
    """dev.py, for the settings and the zip step `python3 dev.py offline` uses."""
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("offline-build")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT, env=quiet_env() | load_dev().OFFLINE_BUILD_ENV, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"the offline build failed:\n{result.stderr[-4000:]}"
    return out


@pytest.fixture(scope="module")
def offline_zip(offline_build, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("zip") / "offline.zip"
    load_dev().zip_site(offline_build, target)
    return target


@pytest.fixture(scope="module")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    """The copy as a parent center's computer has it: unzipped into a folder."""
    folder = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(folder)
    return folder / "ot-at-school"


@pytest.mark.parametrize("folder", ["", "es/"])
def test_the_published_site_keeps_its_addresses(site, folder):
    """The offline plugin, if it were on, would turn every address into page.html and break
    every link people saved; it would also write search/search_index.js."""
    edition = site.root / folder
    assert (edition / "conditions/autism/index.html").is_file()
    assert not (edition / "conditions/autism.html").exists()
    assert not (edition / "search/search_index.js").exists()
    assert "iframe-worker" not in (edition / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", ["", "es/"])
def test_the_offline_copy_has_page_addresses_that_open_from_disk(offline_build, folder):
    """Addresses end in .html: a browser opening a folder from disk shows a file list, not its index.html."""
    assert (offline_build / folder / "conditions/autism.html").is_file()
    assert not (offline_build / folder / "conditions/autism").exists()
    page = (offline_build / folder / "conditions/autism.html").read_text(encoding="utf-8")
    assert 'href="../rights.html"' in page and 'href="../rights/"' not in page


@pytest.mark.parametrize("language", EDITIONS)
def test_the_offline_search_index_has_the_search_words(offline_build, language):
    """The plugin copies the index into a script after every other step, so the search_words
    kb adds (kb/search.py) are in it too, in each edition's own index and language."""
    folder, search_language, word = EDITIONS[language]
    script = (offline_build / folder / "search/search_index.js").read_text(encoding="utf-8")
    assert script.startswith(INDEX_SCRIPT_PREFIX)
    index = json.loads(script.removeprefix(INDEX_SCRIPT_PREFIX))
    assert index == json.loads((offline_build / folder / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [search_language]
    autism = next(entry for entry in index["docs"] if entry["location"] == "conditions/autism.html")
    assert word in autism["keywords"]


def test_the_offline_copy_names_no_local_preview_address(offline_build):
    """A copy on a USB stick lives at no address (dev.py builds it with an empty SITE_URL), so
    no page sends a reader to the editor's own machine, the default site_url."""
    pointing_home = [file.name for file in offline_build.rglob("*.html")
                     if "127.0.0.1" in file.read_text(encoding="utf-8")]
    assert not pointing_home


def test_the_zip_unpacks_into_one_folder_without_web_host_files(offline_zip):
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert all(name.startswith("ot-at-school/") for name in names)
    assert {"ot-at-school/index.html", "ot-at-school/search/search_index.js", "ot-at-school/es/index.html",
            "ot-at-school/es/conditions/autism.html", "ot-at-school/es/search/search_index.js"} <= set(names)
    assert not [name for name in names if name.endswith((".map", "/404.html", "sitemap.xml"))]


def open_from_disk(browser, folder: Path, viewport=DESKTOP, start: str = "index.html"):
    """A page of the copy (its home page unless `start` says), opened from disk, noting every
    request to a web address and every file of the copy that could not be read. (Playwright cannot block a file:// page's requests
    to the web; here there is no internet, on GitHub there is.)"""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    asked_the_web: list[str] = []
    page.on("request", lambda request: asked_the_web.append(request.url)
            if not request.url.startswith("file:") else None)
    missing: list[str] = []
    page.on("requestfailed", lambda request: missing.append(request.url)
            if request.url.startswith("file:") else None)
    page.goto((folder / start).as_uri())
    return context, page, missing, asked_the_web


def test_the_offline_copy_opens_from_disk_with_its_styles_and_links(browser, unzipped):
    context, page, missing, _ = open_from_disk(browser, unzipped)
    assert page.locator("article h1").first.is_visible()
    page.locator("article a[href$='conditions/autism.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url == (unzipped / "conditions/autism.html").as_uri()
    assert "Autism" in page.locator("article h1").first.inner_text()
    # Material's stylesheet pins the header; without it the header is an ordinary block.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).display") != "none"
    assert not missing, missing
    context.close()


def test_the_language_switch_leads_to_the_twin_and_back_from_disk(browser, unzipped):
    context, page, missing, _ = open_from_disk(browser, unzipped, start="conditions/autism.html")
    try:
        page.click("p.kb-language a")
        page.wait_for_load_state("load")
        assert page.url == (unzipped / "es/conditions/autism.html").as_uri()
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.locator("article h1").first.inner_text().startswith("Autismo")
        page.click("p.kb-language a")
        page.wait_for_load_state("load")
        assert page.url == (unzipped / "conditions/autism.html").as_uri()
        assert not missing, missing  # the Spanish page's styles and scripts are in the copy
    finally:
        context.close()


# (page the reader starts on, what they type, what the first result's title starts with)
SEARCHES = {
    "en": ("index.html", "handwriting", "Handwriting"),
    "es": ("es/index.html", "autismo", "Autismo"),
}


@pytest.mark.parametrize("language", SEARCHES)
def test_search_finds_a_page_in_the_offline_copy(browser, unzipped, language):
    """Spanish too: Material's worker loads lunr's Spanish files beside itself, from disk."""
    start, query, title = SEARCHES[language]
    context, page, _, _ = open_from_disk(browser, unzipped, viewport=PHONE, start=start)
    page.click("label.md-header__button[for='__search']")
    page.focus(".md-search__input")
    page.keyboard.type(query, delay=20)
    first = page.locator(".md-search-result__item > .md-search-result__link h1").first
    try:
        first.wait_for(timeout=5_000)
        assert first.inner_text().startswith(title)
    finally:
        context.close()


@pytest.mark.parametrize("start", ["index.html", "es/index.html"])
def test_the_offline_copy_asks_no_other_host(browser, unzipped, start):
    context, page, _, asked_the_web = open_from_disk(browser, unzipped, start=start)
    page.wait_for_load_state("networkidle")
    context.close()
    assert not asked_the_web, asked_the_web


@pytest.mark.parametrize("page_file,date", [("eligibility.html", "October 31, 2026"),
                                            ("es/eligibility.html", "31 de octubre de 2026")])
def test_the_date_calculator_works_in_the_offline_copy(browser, unzipped, page_file, date):
    """Work out the date (issue 16) from a USB stick: the script is in the copy, and the
    calendar file is made in the browser, so neither needs the internet."""
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto((unzipped / page_file).as_uri())
    block = page.locator('.kb-dates[data-kb-dates="consent"]')
    block.locator("input[type=date]").fill("2026-09-01")
    said = block.locator(".kb-dates-result").inner_text()
    with page.expect_download() as download:
        block.locator("a.kb-dates-ics").click()
    ics = Path(download.value.path()).read_bytes()
    context.close()
    assert date in said, said
    assert b"DTSTART;VALUE=DATE:20261031\r\n" in ics
    assert not failed, failed
