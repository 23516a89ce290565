"""Material's successor, Zensical, builds the same pages from the same sources.

Material's maintenance ends in 2027. This test is the proof that the site can move: the same
mkdocs.yml, brand.yml, docs/, data/, overrides/ and kb/ give the same pages, and the pages made
from data say the same thing, under both engines, for this site and for a fork rebranded in
brand.yml. Each Zensical build is followed by the step after the build (kb/after_build.py), as
`python3 dev.py build --zensical` does: it builds the Spanish edition into site/es/ with Zensical
too (Zensical runs no on_post_build), and the Spanish pages are compared the same way.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from kb.build import EDITIONS

from conftest import Site, copy_project, quiet_env, sitemap_alternates


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


@pytest.fixture(scope="module")
def zensical_editions(zensical_site) -> dict[str, Site]:
    """Each edition of the Zensical build, English at its root and Spanish in es/, parsed once."""
    return {"en": zensical_site, **{language: Site(zensical_site.root / language) for language in EDITIONS}}


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


def test_both_engines_build_the_same_pages(edition, zensical_editions):
    assert zensical_editions[edition.language].pages() == edition.site.pages()


def test_every_page_says_the_same_under_both_engines(edition, zensical_editions):
    # Every page uses data now: macros on most, glossary tooltips on all; in Spanish, data/es/'s words.
    for url in edition.site.pages():
        assert content(zensical_editions[edition.language], url) == content(edition.site, url), edition.prefix + url


def test_a_rebranded_fork_shows_its_brand_under_both_engines(lakeside, zensical_lakeside):
    assert zensical_lakeside.pages() == lakeside.pages()
    for url in lakeside.pages():
        assert content(zensical_lakeside, url) == content(lakeside, url), url
    home = content(zensical_lakeside, "")
    assert home["site name"].startswith("Lakeside Family OT Guide") and "#0b5d3b" in home["colours"]
    assert "Published by Lakeside Parent Network" in home["footer"] and home["logo"] == "img"
    assert zensical_lakeside.html("").title.text.endswith("Lakeside OT")
    # Its Spanish edition too.
    spanish, zensical_spanish = Site(lakeside.root / "es"), Site(zensical_lakeside.root / "es")
    assert zensical_spanish.pages() == spanish.pages()
    for url in spanish.pages():
        assert content(zensical_spanish, url) == content(spanish, url), "es/" + url


def test_a_broken_spanish_page_under_zensical_stops_with_one_clear_line(tmp_path):
    """The step after a Zensical build builds the Spanish edition: its mistake is one line, no traceback."""
    project = copy_project(tmp_path / "project")
    (project / "docs-es/conditions/autism.md").write_text('{{ condition_page("autsim") }}\n', encoding="utf-8")
    (project / "site").mkdir()
    (project / "site/index.html").write_text("<p>the English, built</p>", encoding="utf-8")  # no need to build it
    result = subprocess.run([sys.executable, "-m", "kb.after_build", "site"], cwd=project, env=quiet_env(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "mkdocs.es.yml: the es edition did not build: there is no condition with the id 'autsim'" in result.stderr
    assert "did you mean 'autism'?" in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_both_engines_show_the_same_navigation(edition, zensical_editions):
    def nav(s: Site) -> list[str]:
        page = s.html("")
        return [" ".join(a.get_text(" ").split()) for a in page.select("nav.md-nav--primary a.md-nav__link")
                if a.get_text(strip=True)]
    assert nav(zensical_editions[edition.language]) == nav(edition.site)


def test_both_engines_give_the_same_sitemaps_with_each_pages_twins(edition, zensical_editions):
    """The step after the build names every page's twins (hreflang) in Zensical's sitemaps too."""
    def sitemap(s: Site) -> dict:
        return sitemap_alternates((s.root / "sitemap.xml").read_text(encoding="utf-8"))
    under_zensical = sitemap(zensical_editions[edition.language])
    assert under_zensical == sitemap(edition.site)
    assert all(len(links) == 3 for links in under_zensical.values())  # en, es and x-default


def test_both_engines_load_the_date_calculator_only_where_it_is(edition, zensical_editions):
    """main.html loads dates.js on a page whose content has the calculator (issue 16): both
    engines give the template the page's content."""
    for built in (edition.site, zensical_editions[edition.language]):
        assert built.html("eligibility/").select('script[src$="assets/kb/dates.js"]'), edition.language
        assert not built.html("").select('script[src$="assets/kb/dates.js"]'), edition.language
