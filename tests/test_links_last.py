"""Links that last: every address in tests/reference/published-links.txt still leads to its
page and section, every page and section is on that list, and a moved page keeps its links
through a redirect (mkdocs-redirects), #section included."""

from __future__ import annotations

import re

import yaml

from browser import PHONE, SiteServer
from conftest import ROOT, Site, mkdocs_build
from published_links import published_links, read_list, why_broken

READABLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def test_every_published_address_still_leads_to_its_page_and_section(site):
    links = read_list()
    assert len(links) > 100, "tests/reference/published-links.txt is missing or nearly empty"
    broken = {link: why for link in links if (why := why_broken(site.root, link))}
    assert not broken, "\n".join(f"{link}: {why}" for link, why in broken.items())


def test_every_page_and_section_is_on_the_published_list(site):
    unlisted = sorted(set(published_links(site.root)) - set(read_list()))
    assert not unlisted, ("not in tests/reference/published-links.txt yet; run `python3 dev.py links` "
                          "to add them:\n" + "\n".join(unlisted))


def test_section_ids_are_readable_words(site):
    """An id a teacher can read in a link, and no Markdown '_1' suffix (two headings alike)."""
    odd = [link for link in published_links(site.root) if "#" in link and not READABLE_ID.fullmatch(link.split("#")[1])]
    assert not odd


def test_the_sections_people_link_to_most_have_lasting_ids(site):
    """Fixed ids, set in the page or from data, that do not change when a heading is reworded."""
    links = set(published_links(site.root))
    rights = yaml.safe_load((ROOT / "data/rights.yml").read_text())
    wanted = {"/request-an-evaluation/#sample-letter", "/iep-meeting/#checklist"}
    wanted |= {f"/rights/#{right['id']}" for right in rights}
    wanted |= {f"/conditions/{file.stem}/#strategies" for file in (ROOT / "data/conditions").glob("*.yml")}
    assert wanted <= links, sorted(wanted - links)


def rename_page(project, old: str, new: str) -> None:
    """Move a page as an editor would, in both editions: the file, the menu and every link to it."""
    files = [*project.joinpath("data").rglob("*.yml")]
    for docs in ("docs", "docs-es"):
        (project / docs / old).rename(project / docs / new)
        files += [*project.joinpath(docs).rglob("*.md"), project / docs / ".nav.yml"]
    for file in files:
        text = file.read_text()
        if old in text:
            file.write_text(text.replace(old, new))


def test_a_moved_page_keeps_its_old_links_through_a_redirect(project, tmp_path, browser):
    rename_page(project, "ot-and-pt.md", "ot-or-pt.md")
    assert mkdocs_build(project, tmp_path / "moved").returncode == 0
    assert why_broken(tmp_path / "moved", "/ot-and-pt/#school-and-clinic")  # lost without a redirect

    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("redirect_maps: {}", "redirect_maps:\n        ot-and-pt.md: ot-or-pt.md"))
    result = mkdocs_build(project, tmp_path / "redirected")
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "redirected")
    assert "ot-and-pt/" not in site.pages()  # the redirect is not a page of its own
    assert why_broken(site.root, "/ot-and-pt/#school-and-clinic") is None
    with SiteServer(site.root) as server:
        page = browser.new_page()
        page.goto(server.url + "ot-and-pt/#school-and-clinic")
        page.wait_for_url("**/ot-or-pt/#school-and-clinic")
        page.close()


def test_copy_link_beside_a_heading_copies_a_link_to_that_section(server, browser):
    """For a teacher on a phone: tap "Copy link" beside "Strategies", paste the section's address.
    (tests/test_reading_tools.py checks the control in both languages, by keyboard and without
    JavaScript.)"""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server.url + "conditions/autism/")
    control = page.get_by_role("heading", name="Strategies and what the research says").get_by_role("link", name="Copy link")
    assert control.is_visible()  # no hover on a phone, so it always shows
    control.tap()
    page.wait_for_selector(".kb-copied:has-text('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()") == server.url + "conditions/autism/#strategies"
    context.close()
