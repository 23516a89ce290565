"""Material's successor, Zensical, builds the same pages from the same sources.

Material's maintenance ends in 2027. This test is the proof that the site can move: the same
mkdocs.yml, brand.yml, docs/, data/, overrides/ and kb/ give the same pages, and the pages made
from data say the same thing, under both engines, for this site and for a fork rebranded in
brand.yml. Each Zensical build is followed by the step after the build (kb/finish.py), as
`python3 dev.py build --zensical` does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import Site, copy_project, quiet_env


def zensical_build(project: Path) -> Site:
    # `python -m` puts the copy's own folder first on the import path, so its kb/ and
    # brand.yml are the ones read (the venv's path file names the original project).
    for step in (["zensical", "build", "--clean"], ["kb.after_build", "site"]):
        result = subprocess.run(
            [sys.executable, "-m", *step],
            cwd=project, env=quiet_env(), capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return Site(project / "site")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Site:
    return zensical_build(copy_project(tmp_path_factory.mktemp("zensical") / "project"))


@pytest.fixture(scope="module")
def zensical_lakeside(lakeside_project) -> Site:
    return zensical_build(lakeside_project)


def content(site: Site, url: str) -> dict:
    """What a reader gets from a page's article: headings with their ids, text, links (with the
    address paper prints after each), and the page's name, colours and footer from brand.yml."""
    page = site.html(url)
    article = page.select_one("article")
    return {
        # With the "Copy link" control each heading ends with (kb/reading_tools.py): both engines
        # run the same Markdown extension, so it must be the same too.
        "headings": [(h.name, h.get("id"), " ".join(h.get_text(" ").split()))
                     for h in article.select("h1, h2, h3")],
        "text": " ".join(article.get_text(" ").split()),
        "links": [(a["href"], a.get("data-kb-address")) for a in article.select("a[href]:not(.headerlink)")],
        "tooltips": [(abbr.get_text(), abbr.get("title")) for abbr in article.select("abbr")],
        "table rows": [[" ".join(c.get_text(" ").split()) for c in tr.select("th, td")]
                       for tr in article.select("table tr")],
        "site name": " ".join(page.select_one(".md-header__title").get_text(" ").split()),
        # The site's part of the tab title. The home page's is compared apart: MkDocs shows the
        # site's full name there, Zensical the page's title and the short name.
        "tab title": page.title.text.rsplit(" - ", 1)[-1] if url else None,
        "colours": " ".join(page.head.style.get_text().split()) if page.head.style else None,
        "footer": " ".join(page.select_one(".md-copyright").get_text(" ").split()),
        "footer links": [urljoin(f"/{url}", a["href"]) for a in page.select(".md-copyright a[href]")],
        "logo": page.select_one(".md-header__button.md-logo img, .md-header__button.md-logo svg").name,
    }


def test_both_engines_build_the_same_pages(site, zensical_site):
    assert zensical_site.pages() == site.pages()


def test_every_page_says_the_same_under_both_engines(site, zensical_site):
    # Every page uses data now: macros on most, glossary tooltips on all.
    for url in site.pages():
        assert content(zensical_site, url) == content(site, url), url


def test_a_rebranded_fork_shows_its_brand_under_both_engines(lakeside, zensical_lakeside):
    assert zensical_lakeside.pages() == lakeside.pages()
    for url in lakeside.pages():
        assert content(zensical_lakeside, url) == content(lakeside, url), url
    home = content(zensical_lakeside, "")
    assert home["site name"].startswith("Lakeside Family OT Guide") and "#0b5d3b" in home["colours"]
    assert "Published by Lakeside Parent Network" in home["footer"] and home["logo"] == "img"
    assert zensical_lakeside.html("").title.text.endswith("Lakeside OT")


def test_both_engines_show_the_same_navigation(site, zensical_site):
    def nav(s: Site) -> list[str]:
        page = s.html("")
        return [" ".join(a.get_text(" ").split()) for a in page.select("nav.md-nav--primary a.md-nav__link")
                if a.get_text(strip=True)]
    assert nav(zensical_site) == nav(site)
