"""Shared fixtures: the real site built once per session, and throw-away copies of the project.

Every build runs MkDocs as a newcomer would, in a subprocess, so tests see the real exit code,
the real messages and the real HTML.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from axe_playwright_python.sync_playwright import Axe

from browser import (DESKTOP, PHONE, SiteServer, Visit, chromium_missing_reason, launch_chromium, visit,
                     visit_in_one_tab)
from published_links import real_pages

from kb.build import EDITIONS
from kb.project import PROJECT as ROOT, copy_project  # copies what a build reads (BUILD_INPUTS)


def text(node) -> str:
    """A node's text as a reader sees it, with one space between words. Inline tags add no
    space: an <abbr> tooltip must not turn "(IEP)." into "( IEP ) .". The "Copy link" control
    after a heading (kb/reading_tools.py) is not part of the heading's words."""
    words = "".join(s for s in node.strings if not s.find_parent("a", class_="headerlink"))
    return " ".join(words.split())


def section(heading, until: tuple[str, ...] = ("h2",)) -> list:
    """The elements under a heading, up to the next heading of a level in `until`."""
    nodes = []
    for sibling in heading.find_next_siblings():
        if sibling.name in until:
            break
        nodes.append(sibling)
    return nodes


def quiet_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["DISABLE_MKDOCS_2_WARNING"] = "true"
    env["PYTHONWARNINGS"] = "ignore::DeprecationWarning"
    return env


def replace_line(file: Path, key: str, new: str) -> None:
    """Put `new` in place of the first line `key: ...` of a page's front matter or a YAML file,
    whatever it holds today: tests then outlive the next review of a page."""
    text = file.read_text(encoding="utf-8")
    changed, count = re.subn(rf"^{re.escape(key)}:.*\n", lambda _: new, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"test set-up: no line '{key}:' in {file}"
    file.write_text(changed, encoding="utf-8")


def mkdocs_build(project: Path, out: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    """One edition built as a newcomer would: mkdocs.yml the English, mkdocs.es.yml the Spanish."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(out)],
        cwd=project, env=quiet_env(), capture_output=True, text=True, timeout=300,
    )


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_alternates(sitemap: str) -> dict[str, dict[str, str]]:
    """Each address in a sitemap.xml's text, with the alternates it names: {hreflang: address}."""
    root = ElementTree.fromstring(sitemap)
    return {url.findtext("s:loc", namespaces=SITEMAP_NS).strip():
            {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link[@rel='alternate']", SITEMAP_NS)}
            for url in root.findall("s:url", SITEMAP_NS)}


class Site:
    """A built site folder, read as a visitor's browser would get it.

    Each page is parsed once and its parsed HTML shared by every test that reads it (parsing is
    most of what reading a page costs): treat what `html()` returns as read-only."""

    def __init__(self, root: Path):
        self.root = root
        self._parsed: dict[Path, BeautifulSoup] = {}
        self._pages: list[str] | None = None

    def html(self, url_path: str) -> BeautifulSoup:
        path = self.root / url_path
        if path.is_dir() or url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        if path not in self._parsed:
            self._parsed[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return self._parsed[path]

    def pages(self) -> list[str]:
        """Every page of this edition, its address relative to the site, "" for the home page;
        redirects and the other editions' folders (es/, which `spanish_site` reads) left out."""
        if self._pages is None:
            self._pages = [page.lstrip("/") for page in real_pages(self.root)
                           if page.lstrip("/").split("/")[0] not in EDITIONS]
        return list(self._pages)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, f"the strict build of the real site failed:\n{result.stderr[-4000:]}"
    return Site(out)


# --- A fork, rebranded in brand.yml (tests/test_brand.py, tests/test_zensical.py) ---------------

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
    about_es: Ayuda gratis para familias de niños con discapacidades.
    link: https://lakeside-parents.example/center/
    phone: 555-014-2300
  - name: Lakeside Legal Aid
    about: Free advice on school law.
spanish:
  name: Guía de OT para familias de Lakeside
  short_name: OT en Lakeside
  description: Ayuda sencilla para las familias de Lakeside sobre la terapia ocupacional en la escuela.
  hours: De lunes a jueves, de 10 a 4
"""
# A made-up rule and source, to show the mechanism working: the real file ships empty.
OREGON_RULE = """\
- state: Oregon
  step: evaluation
  rule: The school must finish the evaluation within 60 school days of your consent.
  days: 60
  day_kind: school
  sources: [lakeside-test-rule]
"""
OREGON_SOURCE = """
- id: lakeside-test-rule
  title: A state rule on evaluation timelines (test fixture)
  publisher: Lakeside state education office
  url: https://rules.lakeside.example/evaluation
"""


def rebrand_as_lakeside(project: Path) -> Path:
    """A fork's copy: brand.yml, a state rule with its source, and a logo, edited as a nonprofit would."""
    (project / "brand.yml").write_text(LAKESIDE, encoding="utf-8")
    (project / "data/state-rules.yml").write_text(OREGON_RULE, encoding="utf-8")
    with (project / "data/sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(OREGON_SOURCE)
    (project / "docs/assets").mkdir(exist_ok=True)
    (project / "docs/assets/lakeside.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>')
    return project


@pytest.fixture(scope="session")
def spanish_site(site: Site) -> Site:
    """The Spanish edition, as it is published below /es/: the build of the site writes it there."""
    return Site(site.root / "es")


class Edition(NamedTuple):
    """One language's edition: its pages in `site`, published below `prefix` ("" or "es/")."""
    language: str
    prefix: str
    site: Site


@pytest.fixture(scope="session", params=["en", *EDITIONS])
def edition(request, site: Site) -> Edition:
    """Each edition in turn: a test that takes it runs once for English and once for Spanish."""
    language = request.param
    if language == "en":
        return Edition("en", "", site)
    # The shared Site of that edition, so each page is still parsed once per session.
    return Edition(language, f"{language}/", request.getfixturevalue("spanish_site"))


@pytest.fixture(scope="session")
def lakeside_project(tmp_path_factory) -> Path:
    return rebrand_as_lakeside(copy_project(tmp_path_factory.mktemp("fork") / "project"))


@pytest.fixture(scope="session")
def lakeside(lakeside_project: Path) -> Site:
    """The rebranded copy, built by MkDocs as a fork's workflow would."""
    out = lakeside_project.parent / "site"
    result = mkdocs_build(lakeside_project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return Site(out)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def server(site: Site):
    """The built site on localhost, as GitHub Pages would serve it."""
    with SiteServer(site.root) as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright."""
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


# --- Every page, walked once per screen width ---------------------------------------------------
# Opening a page in chromium is what the browser tests spend their time on, so each width's walk
# is made once and every per-page check reads from it: what the first view downloads, which
# hosts it asks, how wide it scrolls, and what axe finds (axe only where a test reads it).
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10: content reflows at 320 CSS px


@pytest.fixture(scope="session")
def both_editions(site, spanish_site) -> list[str]:
    """Every page a reader can open, English and Spanish (below es/), as the site serves them."""
    return [*site.pages(), *(f"es/{url}" for url in spanish_site.pages())]


@pytest.fixture(scope="session")
def phone_walk(both_editions, server, browser) -> dict[str, Visit]:
    # A first visit to each page, in a new tab with an empty cache: its downloads are the first view.
    axe = Axe()
    return {url: visit(browser, server, url, PHONE, axe) for url in both_editions}


@pytest.fixture(scope="session")
def desktop_walk(both_editions, server, browser) -> dict[str, Visit]:
    return visit_in_one_tab(browser, server, both_editions, DESKTOP, Axe())


@pytest.fixture(scope="session")
def narrowest_walk(both_editions, server, browser) -> dict[str, Visit]:
    return visit_in_one_tab(browser, server, both_editions, NARROWEST)
