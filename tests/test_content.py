"""The content as a parent meets it: readable, cited, checked against the facts, all reachable.

These run on the real site, built once (conftest.site), and on the checked data.
"""

from __future__ import annotations

import copy
import re
from collections import deque
from urllib.parse import urldefrag, urljoin

import pytest

import readability
import seed
from kb.facts import FACTS_FILE, read_facts, section_of, unchecked_only
from kb.load import load_knowledge
from kb.records import SEARCH_PAGE, cfr_url

from conftest import ROOT, section, text

KNOWLEDGE = load_knowledge(ROOT / "data")
FACTS_PATH = ROOT / FACTS_FILE
FACTS = read_facts(FACTS_PATH)
ECFR = "https://www.ecfr.gov/current/title-34/section-"
MAX_GRADE = 8.0
BASE = "http://site.test/"


def article(site, url):
    return site.html(url).select_one("article")


# --- facts.md --------------------------------------------------------------------------------


def test_the_facts_copy_is_current_when_the_original_is_at_hand():
    original = ROOT.parent / "shared" / "reference" / "facts.md"
    if not original.exists():
        pytest.skip("../shared/reference/facts.md is only in the maintainers' workspace; CI uses the copy")
    assert original.read_text(encoding="utf-8") == FACTS_PATH.read_text(encoding="utf-8"), (
        f"{FACTS_FILE} is older than ../shared/reference/facts.md: copy it over, then fix what the tests name")


def test_every_row_of_the_facts_is_read_with_its_sections():
    numbers = [fact.number for fact in FACTS]
    assert {"1", "11a", "30d", "63", "82"} <= set(numbers) and len(numbers) == len(set(numbers))
    by_number = {fact.number: fact for fact in FACTS}
    assert {"300.151", "300.152", "300.153"} <= by_number["19"].sections  # a range: §§300.151–300.153
    assert not by_number["71"].sections  # "ajot.2014.009365" in a DOI is not a section
    assert by_number["21"].mark.startswith("rule V2")


WORD_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "sixteen": "16"}
AMOUNT = re.compile(r"\b(\d+|one|two|three|four|five)[\s-]+(?:school\s+)?(day|year|month)s?\b", re.I)
AGE = re.compile(r"\b(?:age|ages|aged|turns|until|through|to)\s+(\d{1,2})\b", re.I)


def amounts(sentence: str) -> set[str]:
    """'60 days', 'one year', 'age 21' → {'60 day', '1 year', 'age 21'}: numbers that are rules."""
    found = {f"{WORD_NUMBERS.get(n.lower(), n)} {unit.lower()}" for n, unit in AMOUNT.findall(sentence)}
    return found | {f"age {n}" for n in AGE.findall(sentence)}


def numbers_backed(said: str, sections: set[str]) -> set[str]:
    """The rule-numbers in `said` that no facts.md row about `sections` states."""
    facts = " ".join(fact.text for fact in FACTS if fact.sections & sections)
    backed = amounts(facts) | {f"age {n}" for n in re.findall(r"\b(\d{1,2})\b", facts)}
    return amounts(said) - backed


# --- Reading level ---------------------------------------------------------------------------


def test_every_page_reads_at_grade_8_or_below(site, capsys):
    grades = readability.page_grades(site.root)
    with capsys.disabled():
        print("\nFlesch-Kincaid grade per page (paragraphs and list items):")
        for url, grade in sorted(grades.items(), key=lambda kv: -kv[1]):
            print(f"  {grade:4.1f}  /{url.removeprefix('./')}")
    too_hard = {url: round(grade, 1) for url, grade in grades.items() if grade > MAX_GRADE}
    assert not too_hard, f"pages above grade {MAX_GRADE}: {too_hard}"
    assert len(grades) == len(site.pages())


def test_the_grade_measure_tells_plain_from_hard_words():
    plain = "<article><p>OT helps your child at school. It is free.</p></article>"
    hard = ("<article><p>Occupational therapy constitutes a developmental, corrective and "
            "supportive related service facilitating educational participation.</p></article>")
    assert readability.grade(plain) < 4 < MAX_GRADE < readability.grade(hard)


# --- Citations agree with the facts ----------------------------------------------------------


def cited_sections(site) -> dict[str, set[str]]:
    """Every 34 CFR link on the site: section → pages it is on."""
    found: dict[str, set[str]] = {}
    for url in site.pages():
        for a in article(site, url).select(f'a[href^="{ECFR}"]'):
            number = a["href"].removeprefix(ECFR).split("#")[0]
            found.setdefault(number, set()).add(url)
    return found


def test_at_least_20_sections_of_34_cfr_are_cited_and_each_is_in_the_facts(site):
    cited = cited_sections(site)
    print(sorted(cited))
    assert len(cited) >= 20, f"only {len(cited)} sections cited: {sorted(cited)}"
    known = set().union(*(fact.sections for fact in FACTS))
    assert set(cited) <= known, f"cited but not in facts.md: {sorted(set(cited) - known)}"


def test_every_regulation_link_goes_to_the_official_text_of_what_it_names(site):
    for url in site.pages():
        for a in article(site, url).select(f'a[href^="{ECFR}"]'):
            label = text(a)
            named = re.search(r"34 CFR (\d{3}\.\d{1,3}(?:\([a-z0-9]+\))*)", label)
            assert named, f"{url}: a regulation link must say which section it is: {label!r}"
            assert a["href"] == cfr_url(named.group(1)), f"{url}: {label!r} links to {a['href']}"


def records_citing_regulations():
    for kind in (KNOWLEDGE.rights.values(), KNOWLEDGE.timeline):
        for record in kind:
            sections = {section_of(KNOWLEDGE.sources[i].cfr) for i in record.sources if KNOWLEDGE.sources[i].cfr}
            if sections:
                yield record, sections


def record_text(record) -> str:
    parts = []
    for name in type(record).model_fields:
        value = getattr(record, name)
        parts += value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return " ".join(parts)


@pytest.mark.parametrize("record,sections", list(records_citing_regulations()), ids=lambda x: getattr(x, "id", ""))
def test_numbers_in_a_rule_agree_with_the_facts_for_its_sections(record, sections):
    unbacked = numbers_backed(record_text(record), sections)
    assert not unbacked, f"{record.id}: {unbacked} not stated in facts.md for {sorted(sections)}"


def test_numbers_next_to_a_citation_in_written_pages_agree_with_the_facts(site):
    problems = []
    for url in site.pages():
        for block in article(site, url).select("p, li"):
            links = block.select(f'a[href^="{ECFR}"]')
            if not links or block.find_parent(class_="kb-sources"):
                continue
            sections = {a["href"].removeprefix(ECFR).split("#")[0] for a in links}
            said = text(block)
            for a in links:  # the link's own label holds section numbers, not rules
                said = said.replace(text(a), "")
            unbacked = numbers_backed(said, sections)
            if unbacked:
                problems.append(f"{url}: {sorted(unbacked)} beside {sorted(sections)}: {said[:120]}")
    assert not problems, "\n".join(problems)


def test_the_number_check_catches_a_wrong_deadline():
    assert numbers_backed("Within 60 days of your consent.", {"300.301"}) == set()
    assert numbers_backed("Within 45 days of your consent.", {"300.301"}) == {"45 day"}
    assert numbers_backed("Services can last until age 21.", {"300.101"}) == set()
    assert numbers_backed("At least every 3 years.", {"300.303"}) == set()


def test_a_right_says_it_is_still_being_checked_exactly_when_only_unchecked_facts_back_it(site):
    page = article(site, "rights/")
    for right in KNOWLEDGE.rights.values():
        sections = {section_of(KNOWLEDGE.sources[i].cfr) for i in right.sources if KNOWLEDGE.sources[i].cfr}
        unchecked = all(unchecked_only(s, FACTS) for s in sections)
        heading = page.select_one(f"h2#{right.id}")
        assert heading is not None, f"no heading #{right.id} on the rights page"
        shown = " ".join(text(node) for node in section(heading))
        assert ("not yet checked" in shown) == unchecked == (not right.settled), right.id
        assert any(a["href"].startswith(ECFR) for node in section(heading) for a in node.select("a[href]")), right.id


def test_the_rights_checked_again_in_2026_are_stated_as_settled(site):
    """FAPE, prior written notice and mediation (facts rows 5, 15, 17) were checked against the
    official text: no notice that they are still being checked."""
    page = article(site, "rights/")
    for right_id in ("fape", "prior-written-notice", "mediation"):
        shown = " ".join(text(node) for node in section(page.select_one(f"h2#{right_id}")))
        assert "Still being checked" not in shown and "not yet checked" not in shown, right_id
    assert "Still being checked" not in text(page)


def checked_dates(nodes) -> list[str]:
    return [t["datetime"] for node in nodes for t in node.select(".kb-sources time[datetime]")]


def test_every_right_and_step_shows_when_its_rule_was_checked(site):
    rights, steps = article(site, "rights/"), article(site, "eligibility/")
    for right in KNOWLEDGE.rights.values():
        assert checked_dates(section(rights.select_one(f"h2#{right.id}"))) == [right.checked.isoformat()], right.id
    for step in KNOWLEDGE.timeline:
        expected = [step.checked.isoformat()] if step.checked else []
        assert checked_dates(section(steps.select_one(f"h2#{step.id}"))) == expected, step.id
    assert "Checked against the official text: 2026-11-30." in text(rights)


# --- Written fresh ---------------------------------------------------------------------------


def test_the_seed_fingerprints_match_the_seed_when_it_is_at_hand():
    article_path = ROOT.parent / "shared" / "seed" / "ot-in-special-education.txt"
    if not article_path.exists():
        pytest.skip("the seed article is not beside this checkout (it is only in the maintainers' workspace)")
    assert seed.shingles(article_path.read_text(encoding="utf-8")) == seed.load()


def test_no_page_reuses_the_seed_articles_words(site):
    fingerprints = seed.load()
    assert len(fingerprints) > 1000
    reused = {url: sorted(set(seed.shared_runs(text(article(site, url)), fingerprints)))
              for url in site.pages()}
    reused = {url: runs for url, runs in reused.items() if runs}
    assert not reused, f"runs of {seed.SHINGLE} words taken from the seed article: {reused}"


def test_the_seed_check_would_catch_a_copied_sentence():
    copied = "Occupational therapy attempts to help people regain the ability to perform everyday activities."
    assert list(seed.shared_runs(copied, seed.load()))
    assert not list(seed.shared_runs("OT helps your child do the everyday tasks of school.", seed.load()))


# --- Every page: a summary, a date, no placeholders ------------------------------------------


def test_every_page_has_a_one_sentence_summary_as_its_description(site):
    for url in site.pages():
        meta = site.html(url).find("meta", attrs={"name": "description"})
        summary = meta["content"] if meta else ""
        assert summary and "TODO" not in summary, url
        assert len(re.findall(r"[.!?](?:\s|$)", summary)) <= 1, f"{url}: more than one sentence: {summary}"
        assert len(summary) <= 200, f"{url}: {len(summary)} characters"


# Printables are made for one sheet of paper, and the "not found" page has nothing to sum up.
WITHOUT_GLANCE = ("print/", "404/")
GLANCE_LINE_MAX = 130  # characters: about three lines of a 360px phone


def glance_lines(site, url) -> list[str] | None:
    """The lines of the box that opens the page, right under its title; None if it has none."""
    box = article(site, url).select_one("h1").find_next_sibling()
    if box is None or not {"admonition", "kb-glance"} <= set(box.get("class", [])):
        return None
    assert text(box.select_one(".admonition-title")) == "At a glance", url
    return [text(li) for li in box.select("li")]


def test_every_page_opens_with_at_most_three_short_lines_a_parent_reads_first(site):
    checked = 0
    for url in site.pages():
        if url.startswith(WITHOUT_GLANCE):
            continue
        lines = glance_lines(site, url)
        assert lines is not None, f"/{url} does not open with an 'At a glance' box under its title"
        assert 1 <= len(lines) <= 3, f"/{url}: {len(lines)} lines at a glance"
        long = [line for line in lines if len(line) > GLANCE_LINE_MAX]
        assert not long, f"/{url}: lines over {GLANCE_LINE_MAX} characters: {long}"
        checked += 1
    assert checked >= 30


def test_a_condition_page_opens_with_its_at_a_glance_lines(site):
    for condition in KNOWLEDGE.conditions.values():
        assert glance_lines(site, f"conditions/{condition.id}/") == condition.at_a_glance, condition.id


def test_no_page_still_holds_a_placeholder(site):
    left = [url for url in site.pages() if "TODO" in text(article(site, url))]
    assert not left, left


# --- Reachable --------------------------------------------------------------------------------


def internal_targets(site, url: str, selector: str) -> set[str]:
    targets = set()
    for a in site.html(url).select(selector):
        target = urldefrag(urljoin(BASE + url, a["href"]))[0]
        if target.startswith(BASE):
            path = target.removeprefix(BASE)
            targets.add(path.removesuffix("index.html"))
    return targets


def test_every_page_is_in_the_navigation(site):
    in_nav = internal_targets(site, "", "nav.md-nav--primary a.md-nav__link[href]")
    assert set(site.pages()) - {"404/"} <= in_nav | {""}


def test_every_page_is_within_two_taps_of_the_home_page(site):
    depth = {"": 0}
    queue = deque([""])
    while queue:
        url = queue.popleft()
        if depth[url] == 2:
            continue
        for target in internal_targets(site, url, "article a[href]"):
            if target not in depth and target in set(site.pages()):
                depth[target] = depth[url] + 1
                queue.append(target)
    far = sorted(set(site.pages()) - set(depth))
    assert not far, f"more than two taps from the home page: {far}"


def test_home_page_offers_the_three_ways_in(site):
    headings = [text(h) for h in article(site, "").select("h2")]
    for way in ("might need OT", "has an IEP", "teach or support"):
        assert any(way in h for h in headings), (way, headings)


# --- The glossary explains the site's words --------------------------------------------------

# Capitals that are not jargon a parent must decode: names of publishers in citations are
# excluded with the citations; these remain.
NOT_ACRONYMS = {"I", "A", "OK", "US", "USB", "TV", "PDF"}


def test_every_acronym_on_the_site_is_in_the_glossary(site):
    terms = {t.term for t in KNOWLEDGE.glossary.values()}
    missing: dict[str, set[str]] = {}
    for url in site.pages():
        body = copy.copy(article(site, url))  # a copy to cut: other tests read the shared page
        for node in body.select(".kb-sources"):
            node.decompose()
        for word in re.findall(r"\b[A-Z]{2,6}\b", text(body)):
            if word not in terms and word not in NOT_ACRONYMS:
                missing.setdefault(word, set()).add(url)
    assert not missing, f"acronyms with no glossary entry: {missing}"


def test_acronyms_get_a_tooltip_and_the_glossary_explains_each_term(site):
    tips = {a.get_text(): a["title"] for a in article(site, "ot-and-pt/").select("abbr[title]")}
    assert tips.get("OT") == KNOWLEDGE.glossary["ot"].stands_for
    page = article(site, "glossary/")
    for term in KNOWLEDGE.glossary.values():
        heading = page.select_one(f"h2#{term.id}")
        assert heading is not None and text(heading) == term.term, term.id
        assert term.meaning in text(heading.find_next_sibling("p"))


# --- Misstatements parent sites make -----------------------------------------------------------

# Old or wrong law that circulates on parent sites (facts.md, "What parents ask for"): section
# numbers from before the 2006 rules, a category IDEA does not have, words the current text
# dropped, and the wrong paragraph for OT.
MISSTATEMENTS = {
    "a section number from before 2006": re.compile(r"\b300\.(?:24|16|7)\b"),
    "a fourteenth category": re.compile(r"\b(?:fourteenth|14th|(?:14|fourteen)\s+(?:disability\s+)?categor)", re.I),
    "'mental retardation' (now 'intellectual disability')": re.compile(r"mental(?:ly)?\s+retard", re.I),
    "'highly qualified' (no longer in the rules)": re.compile(r"highly[\s-]+qualified", re.I),
    "'300.34(a)(6)' for OT (it is 300.34(c)(6))": re.compile(r"300\.34\s*\(a\)\s*\(6\)"),
    "'serious emotional disturbance' (the category is 'emotional disturbance')": re.compile(r"serious\s+emotional", re.I),
    "'get the most from' special education (the rule says 'benefit from')": re.compile(r"get\s+the\s+most\s+(?:out\s+)?(?:of|from)", re.I),
}


def misstatements_in(content: str) -> list[str]:
    return [name for name, pattern in MISSTATEMENTS.items() if pattern.search(content)]


def test_no_page_repeats_a_misstatement_that_parent_sites_make(site):
    files = sorted(site.root.rglob("*.html")) + [site.root / "search" / "search_index.json"]
    found = {f.relative_to(site.root).as_posix(): misstatements_in(" ".join(f.read_text(encoding="utf-8").split()))
             for f in files}
    found = {path: names for path, names in found.items() if names}
    assert not found, found
    assert len(files) > 30


@pytest.mark.parametrize("sentence", [
    "IDEA lists 14 categories of disability.", "a fourteenth category", "see 34 CFR 300.7", "34 CFR 300.24(b)",
    "children with mental retardation", "a highly qualified therapist", "OT is listed at 300.34(a)(6).",
    "serious emotional disturbance", "so your child can get the most from special education",
])
def test_the_misstatement_check_catches_each_kind(sentence):
    assert misstatements_in(sentence), sentence


@pytest.mark.parametrize("sentence", [
    "IDEA lists 13 categories.", "34 CFR 300.17", "34 CFR 300.160", "34 CFR 300.8(c)(4)", "300.34(c)(6)",
    "emotional disturbance", "a qualified occupational therapist", "help a child benefit from special education",
])
def test_the_misstatement_check_leaves_correct_statements_alone(sentence):
    assert not misstatements_in(sentence), sentence


# --- Sources: each link lands on the source ------------------------------------------------------


def test_no_source_link_is_a_search(site):
    searches = {url: [a["href"] for a in article(site, url).select("a[href]") if SEARCH_PAGE.search(a["href"])]
                for url in site.pages()}
    searches = {url: hrefs for url, hrefs in searches.items() if hrefs}
    assert not searches, searches


def test_a_rating_shown_on_a_condition_page_is_the_rating_for_those_children(site):
    """A strategy rated differently for one condition shows that rating there, and its own elsewhere."""
    differing = [s for s in KNOWLEDGE.strategies.values() if s.for_condition]
    assert differing, "no strategy has a rating of its own for one condition"
    for strategy in differing:
        for condition in KNOWLEDGE.conditions.values():
            if strategy.id not in condition.strategies:
                continue
            rating = strategy.rating_for(condition.id)
            heading = article(site, f"conditions/{condition.id}/").select_one(f"h3#{strategy.id}")
            shown = " ".join(text(node) for node in section(heading, until=("h2", "h3")))
            label = KNOWLEDGE.evidence[rating.evidence].label
            assert f"What the research says: {label}" in shown, (condition.id, strategy.id)
            assert rating.evidence_note in shown, (condition.id, strategy.id)
