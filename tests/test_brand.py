"""A nonprofit makes the site its own by editing brand.yml alone.

The test rebrands a copy of the project to a fictional organisation, builds it as a fork
would, and reads every page: the new name and contact are on each one, the defaults on none.
"""

from __future__ import annotations

import re

import yaml

from conftest import LAKESIDE, ROOT, Site, copy_project, mkdocs_build, rebrand_as_lakeside, section, text
from kb.load import load_brand

DEFAULT = load_brand(ROOT)


def test_every_page_carries_the_new_name_and_contact(lakeside):
    for url in lakeside.pages():
        page = lakeside.html(url)
        where = url or "/"
        assert page.select_one(".md-header__title").get_text(" ", strip=True).startswith("Lakeside Family OT Guide"), where
        assert page.title.text.endswith("Lakeside OT") or page.title.text == "Lakeside Family OT Guide", where
        footer = page.select_one(".md-copyright")
        assert "Published by Lakeside Parent Network" in footer.get_text(" ", strip=True), where
        assert footer.select_one('a[href="mailto:help@lakeside-parents.example"]'), where
        assert footer.select_one('a[href="tel:5550142200"]'), where
        assert "#0b5d3b" in page.head.style.get_text(), where
        assert page.select_one(".md-header__button.md-logo img")["src"].endswith("assets/lakeside.svg"), where
        canonical = page.head.select_one("link[rel=canonical]")["href"]
        assert canonical == "https://ot.lakeside-parents.example/" + url, where


def test_the_defaults_are_nowhere_in_the_rebranded_site(lakeside):
    defaults = [DEFAULT.name, DEFAULT.organisation, DEFAULT.description, "127.0.0.1"]
    found = []
    for file in lakeside.root.rglob("*"):
        if file.suffix in (".html", ".xml", ".json", ".txt") and file.is_file():
            text = file.read_text(encoding="utf-8")
            found += [f"{file.relative_to(lakeside.root)}: {d!r}" for d in defaults if d in text]
    assert not found


def test_the_about_page_shows_the_contact_and_local_help(lakeside):
    about = lakeside.html("about/").select_one("article").get_text(" ", strip=True)
    assert "published by Lakeside Parent Network" in about
    assert "help@lakeside-parents.example" in about and "Monday to Thursday, 10 to 4" in about
    assert "Lakeside Parent Center" in about
    help_section = lakeside.html("disagree/").select_one("article")
    assert help_section.select_one('a[href="https://lakeside-parents.example/center/"]')


def test_the_default_brand_shows_no_empty_contact(site):
    footer = site.html("").select_one(".md-copyright")
    assert not footer.select("a[href^='mailto:'], a[href^='tel:']")
    assert re.search(r"CC BY 4\.0.*MIT licence", " ".join(footer.get_text().split()))


def test_a_state_rule_shows_beside_the_federal_rule_with_its_source(lakeside, site):
    oregon = "In Oregon: The school must finish the evaluation within 60 school days of your consent."
    source = 'a[href="https://rules.lakeside.example/evaluation"]'
    # On the timeline, in the step's own section, under the federal deadline.
    step = lakeside.html("eligibility/").select_one("h2#evaluation")
    step_nodes = section(step)
    step_text = " ".join(" ".join(n.get_text().split()) for n in step_nodes)
    assert "Within 60 days" in step_text and "The federal rule" in step_text and oregon in step_text
    assert any(n.select_one(source) for n in step_nodes)
    # On the request page, beside the federal 60 days in "What happens next".
    steps = lakeside.html("request-an-evaluation/").select_one("h2#what-happens-next").find_next_sibling("ol")
    assert oregon in " ".join(steps.get_text().split()) and steps.select_one(source)
    # Off by default: the real site names no state, so it shows federal rules only.
    assert "In Oregon" not in site.html("eligibility/").get_text()


# --- brand.yml in Spanish: the `spanish` group and each place's `about_es` -----------------------

SPANISH = yaml.safe_load(LAKESIDE)["spanish"]
ABOUT_ES = "Ayuda gratis para familias de niños con discapacidades."


def brand_words(page) -> dict[str, str]:
    """Where a page shows brand.yml's name, short name and description."""
    meta = {tag.get("property"): tag["content"] for tag in page.head.select("meta[property][content]")}
    return {"header": page.select_one(".md-header__title").get_text(" ", strip=True),
            "title": page.title.text, "og:site_name": meta["og:site_name"], "og:image:alt": meta["og:image:alt"]}


def test_the_spanish_pages_show_the_brands_spanish_words(lakeside):
    spanish = Site(lakeside.root / "es")
    assert spanish.pages() == lakeside.pages()
    for url in spanish.pages():
        page, where = spanish.html(url), f"es/{url}"
        shown = brand_words(page)
        assert shown["header"].startswith(SPANISH["name"]), where
        assert shown["title"].endswith(SPANISH["short_name"]) or shown["title"] == SPANISH["name"], where
        assert shown["og:site_name"] == SPANISH["name"], where
        assert shown["og:image:alt"] == f"{SPANISH['name']}: {SPANISH['description']}", where
        # The organisation's name is a name: the same in both editions.
        assert "Publicado por Lakeside Parent Network" in page.select_one(".md-copyright").get_text(" ", strip=True), where
    # Pages say what they are about; the site's description is the rest's (here the page not found).
    not_found = spanish.html("404.html")
    assert not_found.head.select_one('meta[name="description"]')["content"] == SPANISH["description"]
    about = text(spanish.html("about/").select_one("article"))
    assert f"Horario de atención: {SPANISH['hours']}" in about and "Monday to Thursday" not in about
    assert ABOUT_ES in about and "Free help for families" not in about
    # A place with no Spanish sentence shows its English one, rather than nothing.
    assert "Lakeside Legal Aid: Free advice on school law." in about


def test_the_english_pages_show_none_of_the_spanish_words(lakeside):
    for url in lakeside.pages():
        html = str(lakeside.html(url))
        found = [words for words in (*SPANISH.values(), ABOUT_ES) if words in html]
        assert not found, (url or "/", found)
    about = text(lakeside.html("about/").select_one("article"))
    assert "We answer: Monday to Thursday, 10 to 4" in about and "Free help for families" in about


def test_a_fork_without_spanish_words_shows_its_english_ones_on_the_spanish_pages(tmp_path):
    """The default: a brand.yml with no `spanish` group and no `about_es` is still a whole
    brand on /es/, in the words it has."""
    project = rebrand_as_lakeside(copy_project(tmp_path / "project"))
    english_only = LAKESIDE.split("spanish:")[0].replace(f"    about_es: {ABOUT_ES}\n", "")
    (project / "brand.yml").write_text(english_only, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "es", "mkdocs.es.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    spanish = Site(tmp_path / "es")
    for url in ("", "about/", "conditions/autism/"):
        shown = brand_words(spanish.html(url))
        assert shown["header"].startswith("Lakeside Family OT Guide"), url
        assert shown["og:image:alt"] == ("Lakeside Family OT Guide: "
                                         "Plain help for Lakeside families with occupational therapy at school."), url
    assert spanish.html("about/").title.text.endswith("Lakeside OT")
    about = text(spanish.html("about/").select_one("article"))
    assert "Horario de atención: Monday to Thursday, 10 to 4" in about
    assert "Lakeside Parent Center: Free help for families of children with disabilities." in about
