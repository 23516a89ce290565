"""Material's successor, Zensical, builds the same pages from the same sources.

Material's maintenance ends in 2027. This test is the proof that the site can move: the same
mkdocs.yml, docs/, data/, overrides/ and kb/ give the same pages, and the pages made from data
say the same thing, under both engines.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import Site, copy_project, quiet_env


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean"],
        cwd=project, env=quiet_env(), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return Site(project / "site")


def content(site: Site, url: str) -> dict:
    """What a reader gets from a page's article: headings with their ids, text, links."""
    article = site.html(url).select_one("article")
    for permalink in article.select("a.headerlink"):
        permalink.decompose()
    return {
        "headings": [(h.name, h.get("id"), " ".join(h.get_text(" ").split()))
                     for h in article.select("h1, h2, h3")],
        "text": " ".join(article.get_text(" ").split()),
        "links": [a["href"] for a in article.select("a[href]")],
        "tooltips": [(abbr.get_text(), abbr.get("title")) for abbr in article.select("abbr")],
        "table rows": [[" ".join(c.get_text(" ").split()) for c in tr.select("th, td")]
                       for tr in article.select("table tr")],
    }


def test_both_engines_build_the_same_pages(site, zensical_site):
    assert zensical_site.pages() == site.pages()


def test_every_page_says_the_same_under_both_engines(site, zensical_site):
    # Every page uses data now: macros on most, glossary tooltips on all.
    for url in site.pages():
        assert content(zensical_site, url) == content(site, url), url


def test_both_engines_show_the_same_navigation(site, zensical_site):
    def nav(s: Site) -> list[str]:
        page = s.html("")
        return [" ".join(a.get_text(" ").split()) for a in page.select("nav.md-nav--primary a.md-nav__link")
                if a.get_text(strip=True)]
    assert nav(zensical_site) == nav(site)
