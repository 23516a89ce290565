"""The Spanish edition: every page has its twin, each names its language and leads to the
other, the words read easily, and no translation silently lags behind its English.

Built once (conftest.spanish_site), from docs-es/ and data/es/, as it is published below /es/.
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin


import readability
from kb.load import load_knowledge
from kb.sitemap import pages_by_edition, with_alternates
from kb.translate import load_edition, page_fingerprint, page_translated_from, stale_pages, stale_texts, text_files

from conftest import (ROOT, SITEMAP_NS, Site, copy_project, mkdocs_build, quiet_env, sitemap_alternates,
                      text)

# Fernández Huerta: 60 or more reads at 8th grade or easier; 70 or more is the usual aim.
MIN_EASE, MIN_MEDIAN_EASE = 60.0, 70.0
BASE = "http://site.test/"


def test_every_page_has_its_twin_in_the_other_language(site, spanish_site):
    assert set(spanish_site.pages()) == set(site.pages())
    assert len(site.pages()) > 30


def test_each_page_says_its_language(site, spanish_site):
    for edition, language, locale in ((site, "en", "en_US"), (spanish_site, "es", "es_US")):
        for url in edition.pages():
            page = edition.html(url)
            assert page.html["lang"] == language, url
            assert page.find("meta", property="og:locale")["content"] == locale, url


def switch(edition, url):
    return edition.html(url).select_one("article .kb-language a[hreflang]")


def test_the_switch_leads_to_the_same_page_in_the_other_language_and_back(site, spanish_site):
    for url in site.pages():
        to_spanish, to_english = switch(site, url), switch(spanish_site, url)
        assert (text(to_spanish), to_spanish["hreflang"], to_spanish["lang"]) == ("Español", "es", "es"), url
        assert (text(to_english), to_english["hreflang"], to_english["lang"]) == ("English", "en", "en"), url
        # The English page is at BASE + url; its Spanish twin at BASE + "es/" + url.
        assert urljoin(BASE + url, to_spanish["href"]) == BASE + "es/" + url, url
        assert urljoin(BASE + "es/" + url, to_english["href"]) == BASE + url, url


def test_each_sitemap_names_every_pages_twin_both_ways(site, spanish_site):
    """For search engines (hreflang, in Google's sitemap format): every English page in
    sitemap.xml names its Spanish twin, every Spanish page in es/sitemap.xml its English one, and
    the English is the default; full addresses under site_url. The .gz copies say the same."""
    site_url = "http://127.0.0.1:8000/"  # mkdocs.yml's default when SITE_URL is not set
    english, spanish = (sitemap_alternates((edition.root / "sitemap.xml").read_text(encoding="utf-8"))
                        for edition in (site, spanish_site))
    assert set(english) == {site_url + url for url in site.pages()}
    assert set(spanish) == {site_url + "es/" + url for url in spanish_site.pages()}
    for url in site.pages():
        twins = {"en": site_url + url, "es": site_url + "es/" + url, "x-default": site_url + url}
        assert english[site_url + url] == twins, url
        assert spanish[site_url + "es/" + url] == twins, url
    for edition in (site, spanish_site):
        assert gzip.decompress((edition.root / "sitemap.xml.gz").read_bytes()) == (edition.root / "sitemap.xml").read_bytes()


def test_a_page_not_yet_translated_names_no_twin_in_the_sitemap():
    """A page alone in its language has no alternate; its translated neighbours keep theirs."""
    def sitemap(*locs: str) -> str:
        urls = "".join(f"<url><loc>{BASE}{loc}</loc></url>" for loc in locs)
        return f'<urlset xmlns="{SITEMAP_NS["s"]}">{urls}</urlset>'
    folders = {"en": "", "es": "es/"}
    pages = pages_by_edition({"en": sitemap("", "new/"), "es": sitemap("es/")}, BASE, folders)
    assert pages == {"en": {"", "new/"}, "es": {""}}
    written = with_alternates(sitemap("", "new/"), "en", pages, BASE, folders, default="en")
    assert written == with_alternates(written, "en", pages, BASE, folders, default="en")  # twice: the same
    links = sitemap_alternates(written)
    assert links == {BASE: {"en": BASE, "es": BASE + "es/", "x-default": BASE}, BASE + "new/": {}}


def menu_order(site: Site) -> list[str]:
    """The pages the menu lists, in order, as addresses relative to the edition."""
    links = site.html("").select("nav.md-nav--primary a.md-nav__link[href]")
    return list(dict.fromkeys(a["href"] for a in links if not a["href"].startswith("#")))


def test_the_menu_lists_the_same_pages_in_the_same_order(site, spanish_site):
    english = menu_order(site)
    assert len(english) > 20
    assert menu_order(spanish_site) == english


def test_every_section_a_teacher_links_to_has_the_same_id_in_spanish(site, spanish_site):
    missing = {}
    for url in site.pages():
        ids = {h["id"] for h in site.html(url).select("article h2[id], article h3[id]")}
        spanish = {h["id"] for h in spanish_site.html(url).select("article h2[id], article h3[id]")}
        if ids - spanish:
            missing[url] = sorted(ids - spanish)
    assert not missing, missing


def test_every_spanish_page_reads_easily(spanish_site, capsys):
    eases = readability.page_eases(spanish_site.root)
    with capsys.disabled():
        print("\nFernández Huerta reading ease per Spanish page (paragraphs and list items):")
        for url, value in sorted(eases.items(), key=lambda kv: kv[1]):
            print(f"  {value:5.1f}  /es/{url.removeprefix('./')}")
    hard = {url: round(value, 1) for url, value in eases.items() if value < MIN_EASE}
    assert not hard, f"Spanish pages below {MIN_EASE}: {hard}"
    assert statistics.median(eases.values()) >= MIN_MEDIAN_EASE
    assert len(eases) == len(spanish_site.pages())


def test_the_ease_measure_tells_plain_from_hard_spanish():
    plain = "<article><p>La OT ayuda a su hijo en la escuela. Es gratis.</p></article>"
    hard = ("<article><p>La terapia ocupacional constituye un servicio relacionado de carácter "
            "correctivo, complementario e individualizado para la participación educativa.</p></article>")
    assert readability.ease(hard) < MIN_EASE < readability.ease(plain)


def test_pages_made_from_data_are_in_spanish(spanish_site):
    autism = text(spanish_site.html("conditions/autism/").select_one("article"))
    for words in ("De un vistazo", "Cómo puede ayudar la OT", "Lo que dice la investigación"):
        assert words in autism
    rights = text(spanish_site.html("rights/").select_one("article"))
    assert "Revisado con el texto oficial: 2026-11-30." in rights
    assert "La regla:" in rights and "The rule" not in rights
    tips = {a.get_text(): a["title"] for a in spanish_site.html("conditions/autism/").select("article abbr[title]")}
    assert tips.get("IEP") == "Programa de Educación Individualizado"  # the glossary's tooltips, in Spanish


# --- No silent staleness -------------------------------------------------------------------------


def legal_lags(project: Path) -> list[str]:
    """Each translated right, step, rating or sample letter that no longer says what its English says."""
    edition = load_edition(load_knowledge(project / "data"), project / "data", "es")
    return [str(s) for s in (*edition.stale, *stale_texts(project / "data", "es")) if s.legal]


def test_no_right_step_rating_or_sample_letter_lags_behind_its_english():
    legal = legal_lags(ROOT)
    assert not legal, "translate these again, then python3 dev.py stale --mark-current FILE:\n" + "\n".join(legal)


def test_a_changed_english_right_is_named_by_record_and_field(tmp_path):
    project = copy_project(tmp_path / "project")
    rights = project / "data" / "rights.yml"
    rights.write_text(rights.read_text(encoding="utf-8").replace(
        "The services are paid for with public money", "The services are paid for with tax money"), encoding="utf-8")
    edition = load_edition(load_knowledge(project / "data"), project / "data", "es")
    named = [(s.noun, s.record, s.field, s.legal) for s in edition.stale]
    assert named == [("right", "fape", "details", True)]
    assert str(edition.stale[0]) == ("data/es/rights.yml: right 'fape', field 'details': "
                                     "changed in English since it was translated")


def test_a_changed_english_page_shows_a_notice_on_its_spanish_twin(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert [s.record for s in stale_pages(project / "docs", project / "docs-es")] == ["what-is-ot.md"]
    result = mkdocs_build(project, tmp_path / "es", "mkdocs.es.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    es = Site(tmp_path / "es")
    notice = es.html("what-is-ot/").select_one("article .kb-stale")
    assert notice is not None and "cambió" in text(notice)
    assert es.html("about/").select_one("article .kb-stale") is None
    assert not [s for s in stale_pages(ROOT / "docs", ROOT / "docs-es")], "python3 dev.py stale lists them"


def test_every_page_written_by_hand_records_the_english_it_was_translated_from():
    for twin in sorted((ROOT / "docs-es").rglob("*.md")):
        english = (ROOT / "docs" / twin.relative_to(ROOT / "docs-es")).read_text(encoding="utf-8")
        if english.startswith("---"):
            assert f'translated_from: "{page_fingerprint(english)}"' in twin.read_text(encoding="utf-8"), twin


def test_every_spanish_text_records_the_english_it_was_translated_from():
    """data/es/text/: the letter and the checklist, each with the fingerprint of its English in
    its front matter, the same as a page's, which readers never see."""
    texts = [english.name for english in text_files(ROOT / "data")]
    assert texts == ["iep-checklist.md", "request-letter.md"]
    for name in texts:
        assert page_translated_from((ROOT / "data/es/text" / name).read_text(encoding="utf-8")), name


def stale_command(project: Path, *args: str) -> str:
    """`python3 dev.py stale` in a copy of the project: what a translator reads."""
    result = subprocess.run([sys.executable, "-c", "import sys, kb.translate; sys.exit(kb.translate.main(sys.argv[1:]))",
                             *args], cwd=project, env=quiet_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def stale_notice(site: Site, url: str) -> bool:
    return site.html(url).select_one("article .kb-stale") is not None


def test_a_changed_english_text_is_named_shows_the_notice_and_a_changed_letter_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    letter, checklist = project / "data/text/request-letter.md", project / "data/text/iep-checklist.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "Please also send me a copy of my rights as a parent.",
        "Please also send me a copy of my rights as a parent, and the date of the first meeting."), encoding="utf-8")
    checklist.write_text(checklist.read_text(encoding="utf-8") + "- ☐ I wrote down what was agreed.\n", encoding="utf-8")

    listed = stale_command(project)
    assert ("LEGAL  data/es/text/request-letter.md: text 'request-letter.md', field 'text': "
            "changed in English since it was translated") in listed.splitlines()
    assert ("       data/es/text/iep-checklist.md: text 'iep-checklist.md', field 'text': "
            "changed in English since it was translated") in listed.splitlines()  # advice: a notice, not a failure
    # The test above fails for the letter, naming its file, and not for the checklist.
    assert [line.split(":")[0] for line in legal_lags(project)] == ["data/es/text/request-letter.md"]

    out = tmp_path / "es"
    result = mkdocs_build(project, out, "mkdocs.es.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    es = Site(out)
    showing = ("request-an-evaluation/", "print/request-letter/", "iep-meeting/", "print/iep-checklist/")
    assert [url for url in showing if not stale_notice(es, url)] == []
    assert not stale_notice(es, "what-is-ot/")
    assert "translated_from" not in es.html("print/request-letter/").get_text()  # the fingerprint is no text

    marked = stale_command(project, "--mark-current", "data/es/text/request-letter.md", "data/es/text/iep-checklist.md")
    assert marked.splitlines()[-1] == "Every Spanish text follows its English."
    assert legal_lags(project) == []
    assert mkdocs_build(project, out, "mkdocs.es.yml").returncode == 0
    es = Site(out)
    assert [url for url in showing if stale_notice(es, url)] == []
