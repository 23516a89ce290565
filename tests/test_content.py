"""The content as a parent meets it: readable, cited, checked against the facts, all reachable.

These run on the real site, built once (conftest.site), and on the checked data.
"""

from __future__ import annotations

import copy
import re
from collections import deque
from functools import cache
from urllib.parse import urldefrag, urljoin

import pytest

import readability
import seed
from kb.load import load_knowledge
from kb.records import cfr_url

from conftest import ROOT, section, text

KNOWLEDGE = load_knowledge(ROOT / "data")
FACTS = ROOT / "tests" / "reference" / "facts.md"
ECFR = "https://www.ecfr.gov/current/title-34/section-"
MAX_GRADE = 8.0
BASE = "http://site.test/"


def article(site, url):
    return site.html(url).select_one("article")


# --- facts.md --------------------------------------------------------------------------------

SECTION = re.compile(r"(\d{3})\.(\d{1,3})")
SECTION_RANGE = re.compile(r"(\d{3})\.(\d{1,3})\s*[–-]\s*(?:\d{3}\.)?(\d{1,3})")


def sections_in(line: str) -> set[str]:
    found = {f"{a}.{b}" for a, b in SECTION.findall(line)}
    for part, first, last in SECTION_RANGE.findall(line):
        found |= {f"{part}.{n}" for n in range(int(first), int(last) + 1)}
    return found


@cache
def fact_rows() -> list[tuple[str, str, set[str]]]:
    """(fact, mark, sections named) for each numbered row of facts.md."""
    rows = []
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].isdigit():
            rows.append((cells[1], cells[2], sections_in(cells[1])))
    return rows


def section_of(cfr: str) -> str:
    return cfr.split("(", 1)[0]


def unchecked_only(section: str) -> bool:
    """True when every facts.md row that names the section is marked U (not checked)."""
    marks = [mark for _, mark, sections in fact_rows() if section in sections]
    return bool(marks) and all(mark.startswith("U") for mark in marks)


WORD_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "sixteen": "16"}
AMOUNT = re.compile(r"\b(\d+|one|two|three|four|five)[\s-]+(?:school\s+)?(day|year|month)s?\b", re.I)
AGE = re.compile(r"\b(?:age|ages|aged|turns|until|through|to)\s+(\d{1,2})\b", re.I)


def amounts(sentence: str) -> set[str]:
    """'60 days', 'one year', 'age 21' → {'60 day', '1 year', 'age 21'}: numbers that are rules."""
    found = {f"{WORD_NUMBERS.get(n.lower(), n)} {unit.lower()}" for n, unit in AMOUNT.findall(sentence)}
    return found | {f"age {n}" for n in AGE.findall(sentence)}


def numbers_backed(said: str, sections: set[str]) -> set[str]:
    """The rule-numbers in `said` that no facts.md row about `sections` states."""
    facts = " ".join(fact for fact, _, named in fact_rows() if named & sections)
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
    known = set().union(*(sections for _, _, sections in fact_rows()))
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


def test_a_right_resting_only_on_unchecked_facts_says_so(site):
    page = article(site, "rights/")
    for right in KNOWLEDGE.rights.values():
        sections = {section_of(KNOWLEDGE.sources[i].cfr) for i in right.sources if KNOWLEDGE.sources[i].cfr}
        if all(unchecked_only(s) for s in sections):
            assert not right.settled, f"{right.id}: facts.md marks {sorted(sections)} U; set settled: false"
        heading = page.select_one(f"h2#{right.id}")
        assert heading is not None, f"no heading #{right.id} on the rights page"
        block = section(heading)
        shown = " ".join(text(node) for node in block)
        assert ("not yet checked" in shown) == (not right.settled), right.id
        assert any(a["href"].startswith(ECFR) for node in block for a in node.select("a[href]")), right.id


def test_every_federal_deadline_says_states_may_set_their_own(site):
    page = article(site, "eligibility/")
    shown = text(page)
    for step in KNOWLEDGE.timeline:
        if step.deadline:
            assert f"Deadline: {step.deadline} Federal minimum: your state may set its own." in shown, step.id
    assert any(step.deadline for step in KNOWLEDGE.timeline)


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
