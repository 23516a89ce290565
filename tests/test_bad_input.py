"""An editor's mistake stops the build with one clear line that names where it is.

Each case breaks a copy of the project in one way, builds it as a newcomer would, and checks
the exit code, the line printed, and that no Python traceback reaches the editor.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

import pytest

from conftest import Site, mkdocs_build, replace_line


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"test set-up: {old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write(path: str, content: str | bytes) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        file = project / path
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    return apply


def set_line(path: str, key: str, new: str) -> Callable[[Path], None]:
    """Replace the line `key: ...`, whatever date or value it holds today."""
    return lambda project: replace_line(project / path, key, new)


def copy_file(source: str, target: str, old: str = "", new: str = "") -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        text = (project / source).read_text(encoding="utf-8")
        (project / target).write_text(text.replace(old, new) if old else text, encoding="utf-8")
    return apply


def together(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        for change in changes:
            change(project)
    return apply


AUTISM = "data/conditions/autism.yml"
STRATEGIES = "data/strategies.yml"

CASES = {
    "malformed YAML": (
        edit("data/sources.yml", "- id: apta\n", "- id: apta\n  title: [unclosed\n"),
        r"^ERROR\s+-\s+data/sources\.yml:\d+: not valid YAML: .+",
    ),
    "empty file": (
        write("data/evidence.yml", "# nothing here yet\n"),
        r"data/evidence\.yml: the file is empty; expected a list of evidence levels",
    ),
    "not UTF-8": (
        lambda p: (p / AUTISM).write_bytes((p / AUTISM).read_bytes().replace(b"Autism", "Autïsm".encode("latin-1"))),
        r"data/conditions/autism\.yml:\d+: is not UTF-8 text \(byte 0xef\); save it as UTF-8",
    ),
    "missing required field": (
        edit(AUTISM, "summary:", "# summary:"),
        r"data/conditions/autism\.yml:\d+: condition 'autism', field 'summary': this required field is missing",
    ),
    "more than three lines at a glance": (
        edit(AUTISM, "at_a_glance:\n", "at_a_glance:\n  - One more line.\n"),
        r"data/conditions/autism\.yml:\d+: condition 'autism', field 'at_a_glance': has 4 items; keep it to 3 at most",
    ),
    "wrong type": (
        edit(AUTISM, "title: Autism", "title: 42"),
        r"data/conditions/autism\.yml:\d+: condition 'autism', field 'title': expected text, got a number \(42\)",
    ),
    "wrong type: text where a list belongs": (
        edit(AUTISM, "related: [sensory-processing, daily-living-skills, eating-and-swallowing]", "related: sensory-processing"),
        r"condition 'autism', field 'related': expected a list .*, got 'sensory-processing'",
    ),
    "unknown field (typo)": (
        edit(AUTISM, "title: Autism", "titel: Autism"),
        r"data/conditions/autism\.yml:4: condition 'autism', field 'titel': 'titel' is not a known field; did you mean 'title'\?",
    ),
    "field written twice": (
        edit(AUTISM, "title: Autism", "title: Autism\ntitle: Autisme"),
        r"data/conditions/autism\.yml:5: the field 'title' is written twice \(first on line 4\); keep one",
    ),
    "duplicate id": (
        copy_file(AUTISM, "data/conditions/autism-again.yml"),
        r"data/conditions/autism\.yml:\d+: condition 'autism', field 'id': the id 'autism' is used twice \(also data/conditions/autism-again\.yml:\d+\)",
    ),
    "duplicate strategy id": (
        edit(STRATEGIES, "- id: sensory-tools-in-class", "- id: weighted-vests"),
        r"data/strategies\.yml:\d+: strategy 'weighted-vests', field 'id': the id 'weighted-vests' is used twice",
    ),
    "reference to an unknown source": (
        edit(STRATEGIES, "sources: [gringras-2014]", "sources: [gringras-2041]"),
        r"data/strategies\.yml:\d+: strategy 'weighted-blankets', field 'sources\[0\]': 'gringras-2041' is not an id in data/sources\.yml; did you mean 'gringras-2014'\?",
    ),
    "reference to an unknown evidence level": (
        edit(STRATEGIES, "evidence: against", "evidence: great"),
        r"data/strategies\.yml:\d+: strategy '[a-z-]+', field 'evidence': 'great' is not an id in data/evidence\.yml",
    ),
    "evidence level with an icon the theme does not have": (
        edit("data/evidence.yml", "icon: material/check-all", "icon: material/chek-all"),
        r"data/evidence\.yml:\d+: evidence level 'good', field 'icon': 'material/chek-all' is not one of the theme's "
        r"icons; did you mean 'material/check-all'\? Or find one at https://squidfunk\.github\.io/mkdocs-material/reference/icons-emojis/",
    ),
    "two evidence levels with one icon": (
        edit("data/evidence.yml", "icon: material/check\n", "icon: material/check-all\n"),
        r"data/evidence\.yml:\d+: evidence level 'some', field 'icon': the icon 'material/check-all' is used twice "
        r"\(also data/evidence\.yml:\d+\); each icon must be unique",
    ),
    "reference to an unknown strategy": (
        edit(AUTISM, "weighted-vests, ", "weighted-vest, "),
        r"data/conditions/autism\.yml:\d+: condition 'autism', field 'strategies\[2\]': 'weighted-vest' is not an id in data/strategies\.yml; did you mean 'weighted-vests'\?",
    ),
    "research rating resting on no research": (
        edit(STRATEGIES, "sources: [gringras-2014]", "sources: [aota-what-is-ot]"),
        r"data/strategies\.yml:\d+: strategy 'weighted-blankets', field 'evidence': rated 'against', which says what "
        r"studies found, but none of its sources is research; cite a study or review \(`research: true` in "
        r"data/sources\.yml\), or rate it not-reviewed",
    ),
    "rating for a condition that does not list the strategy": (
        edit(STRATEGIES, "  for_condition:\n    focus-and-participation:\n      evidence: some\n      evidence_note: In one trial, 94",
             "  for_condition:\n    daily-living-skills:\n      evidence: some\n      evidence_note: In one trial, 94"),
        r"data/strategies\.yml:\d+: strategy 'weighted-blankets', field 'for_condition\.daily-living-skills': has a rating "
        r"for 'daily-living-skills', but data/conditions/daily-living-skills\.yml does not list 'weighted-blankets' in its strategies",
    ),
    "reference to an unknown condition": (
        edit(AUTISM, "related: [sensory-processing,", "related: [sensory,"),
        r"field 'related\[0\]': 'sensory' is not an id in data/conditions/",
    ),
    "impossible date": (
        set_line(AUTISM, "last_reviewed", "last_reviewed: 2026-02-30\n"),
        r"data/conditions/autism\.yml:\d+: condition 'autism', field 'last_reviewed': '2026-02-30' is not a real date",
    ),
    "raw HTML in a YAML value": (
        edit(AUTISM, "title: Autism", "title: <b>Autism</b>"),
        r"field 'title': contains HTML \('<b>'\); write plain text without < and >",
    ),
    "condition without a page": (
        copy_file(AUTISM, "data/conditions/sensory.yml", "id: autism", "id: sensory"),
        r'docs/conditions/sensory\.md: is missing: condition \'sensory\' in data/conditions/ needs a page; create it with the one line \{\{ condition_page\("sensory"\) \}\}',
    ),
    "condition with its English page only": (
        together(copy_file(AUTISM, "data/conditions/sensory.yml", "id: autism", "id: sensory"),
                 write("docs/conditions/sensory.md", '{{ condition_page("sensory") }}\n')),
        r'mkdocs\.es\.yml: docs-es/conditions/sensory\.md: is missing: condition \'sensory\' in data/conditions/ needs a '
        r'page; create it with the one line \{\{ condition_page\("sensory"\) \}\}',
    ),
    "text with an unquoted colon": (
        edit(AUTISM, "  - What does my child find hardest", "  - Ask this: what does my child find hardest"),
        r"data/conditions/autism\.yml:\d+: condition 'autism', field 'questions\[0\]': expected text, got a group of fields; "
        r"if the text contains ': ', put all of it in quotes",
    ),
    "right without a regulation": (
        edit("data/rights.yml", "sources: [cfr-300-114-a-2]", "sources: [aota-what-is-ot]"),
        r"data/rights\.yml:\d+: right 'lre', field 'sources': cite at least one 34 CFR section",
    ),
    "right resting on a regulation the facts do not cover": (
        edit("data/sources.yml", 'cfr: "300.114(a)(2)"', 'cfr: "300.115"'),
        r"data/rights\.yml:\d+: right 'lre', field 'sources': 34 CFR 300\.115 is in no row of tests/reference/facts\.md; "
        r"check the rule against the official text and add it there first",
    ),
    "checked right marked as still being checked": (
        edit("data/rights.yml", "  checked: 2026-11-30\n  sources: [cfr-300-114-a-2]", "  settled: false\n  checked: 2026-11-30\n  sources: [cfr-300-114-a-2]"),
        r"data/rights\.yml:\d+: right 'lre', field 'settled': tests/reference/facts\.md has checked rows about 300\.114; "
        r"state the rule plainly and remove settled: false",
    ),
    "source that links to a search, not the study": (
        edit("data/sources.yml", "url: https://www.apta.org/", "url: https://pubmed.ncbi.nlm.nih.gov/?term=physical+therapy"),
        r"data/sources\.yml:\d+: source 'apta', field 'url': links to a search, not to the source itself; give the study's `doi`, or the page's own address",
    ),
    "glossary term written twice": (
        edit("data/glossary.yml", "term: IDEA\n", "term: IEP\n"),
        r"data/glossary\.yml:\d+: term 'idea', field 'term': the term 'IEP' is used twice \(also data/glossary\.yml:\d+\)",
    ),
    "glossary term pointing at a page that does not exist": (
        edit("data/glossary.yml", "page: rights.md#fape", "page: right.md#fape"),
        r"data/glossary\.yml: term 'FAPE', field 'page': docs/right\.md does not exist",
    ),
    "unknown macro in a page": (
        edit("docs/ot-and-pt.md", "{{ comparison_table() }}", "{{ comparison_tabel() }}"),
        r"docs/ot-and-pt\.md:\d+: 'comparison_tabel' is not a macro or variable of this site \(macros: .*comparison_table",
    ),
    "unknown variable in a page": (
        edit("docs/ot-and-pt.md", "## Side by side", "{{ site_nme }}\n\n## Side by side"),
        r"docs/ot-and-pt\.md:\d+: 'site_nme' is not a macro or variable of this site",
    ),
    "macro called with an unknown key": (
        write("docs/conditions/autism.md", '{{ condition_page(slug="autism") }}\n'),
        r"docs/conditions/autism\.md:1: condition_page\(\) got an unexpected keyword argument 'slug'; condition_page\(\) takes: id",
    ),
    "macro called with an unknown id": (
        write("docs/conditions/autism.md", '{{ condition_page("autsim") }}\n'),
        r"docs/conditions/autism\.md:1: there is no condition with the id 'autsim' in data/conditions/; did you mean 'autism'\? \(known: .*autism",
    ),
    "page without a review date": (
        set_line("docs/about.md", "last_reviewed", ""),
        r"docs/about\.md:1: the front matter needs 'last_reviewed'",
    ),
    "page with an impossible review date": (
        set_line("docs/about.md", "last_reviewed", "last_reviewed: 2026-13-01\n"),
        r"docs/about\.md:1: the front matter between the --- lines is not valid: month must be in 1\.\.12",
    ),
    "search words on a page left out of search": (
        set_line("docs/about.md", "last_reviewed", "last_reviewed: 2026-11-24\nsearch:\n  exclude: true\n"),
        r"docs/about\.md: field 'search_words': the search index has no entry 'about/' to add these words to",
    ),
    "search words in front matter written as one line, not a list": (
        edit("docs/rights.md", "search_words:\n  - IDEA rights\n", "search_words: IDEA rights\n"),
        r"docs/rights\.md:1: 'search_words' input should be a valid list: write a list of short phrases",
    ),
    "search word with markup in a condition": (
        edit(AUTISM, "  - autistic\n", "  - <b>autistic</b>\n"),
        r"data/conditions/autism\.yml:\d+: condition 'autism', field 'search_words\[0\]': .*contains HTML",
    ),
    "search word far too long in the glossary": (
        edit("data/glossary.yml", '"second opinion"', '"' + "second opinion " * 6 + '"'),
        r"data/glossary\.yml:\d+: term 'iee', field 'search_words\[0\]': .*at most 60 characters",
    ),
    "brand colour too light to read": (
        edit("brand.yml", 'primary: "#303fa1"', 'primary: "#ffd54f"'),
        r"brand\.yml:\d+: brand, field 'colours': .*primary #ffd54f is too light to read against white \(1\.\d:1\)",
    ),
    "brand email mistyped": (
        edit("brand.yml", "  # email: help@your-organisation.org\n", "  email: help at your-organisation.org\n"),
        r"brand\.yml:\d+: brand, field 'contact\.email': .*",
    ),
    "brand Spanish short name too long": (
        edit("brand.yml", "  short_name: OT en la escuela\n", "  short_name: Terapia ocupacional en la escuela\n"),
        r"brand\.yml:\d+: brand, field 'spanish\.short_name': has 33 characters; keep it to 24 at most",
    ),
    "brand Spanish field unknown": (
        edit("brand.yml", "spanish:\n  name: Terapia ocupacional en la escuela\n",
             "spanish:\n  nombre: Terapia ocupacional en la escuela\n"),
        r"brand\.yml:\d+: brand, field 'spanish\.nombre': 'nombre' is not a known field; did you mean 'name'\?",
    ),
    "brand logo that is not there": (
        edit("brand.yml", "# logo: assets/logo.svg", "logo: assets/logo.svg"),
        r"brand\.yml: brand, field 'logo': docs/assets/logo\.svg does not exist",
    ),
    "state rule without a source": (
        write("data/state-rules.yml", "- state: Oregon\n  step: evaluation\n  rule: Sixty school days.\n  sources: []\n"),
        r"data/state-rules\.yml:\d+: state rule 1, field 'sources': needs at least one item",
    ),
    "state rule on a step that does not exist": (
        write("data/state-rules.yml", "- state: Oregon\n  step: evaluate\n  rule: Sixty school days.\n  sources: [cfr-300-301]\n"),
        r"data/state-rules\.yml:\d+: state rule 1, field 'step': 'evaluate' is not an id in data/timeline\.yml; "
        r"did you mean 'evaluation'\?",
    ),
    # The date calculator's counts (issue 16): a deadline counts from an earlier step, in days the words agree with.
    "deadline counting from a step that does not exist": (
        edit("data/timeline.yml", "counts_from: consent", "counts_from: consnt"),
        r"data/timeline\.yml:\d+: step 'evaluation', field 'counts_from': 'consnt' is not an id in data/timeline\.yml; "
        r"did you mean 'consent'\?",
    ),
    "deadline counting from a later step": (
        edit("data/timeline.yml", "counts_from: consent", "counts_from: services"),
        r"data/timeline\.yml:\d+: step 'evaluation', field 'counts_from': 'services' is not a step before 'evaluation'; "
        r"a deadline counts from the date of an earlier step",
    ),
    "day count that the deadline's words do not say": (
        edit("data/timeline.yml", "days: 60", "days: 45"),
        r"data/timeline\.yml:\d+: step 'evaluation', field 'days': days is 45, but the deadline's words do not say 45 "
        r"\('Within 60 days of the day the school gets your consent'\); make them agree",
    ),
    "deadline count with a field left out": (
        edit("data/timeline.yml", "  due_words: the evaluation must be done\n", ""),
        r"data/timeline\.yml:\d+: step 'evaluation': a deadline to count needs days, counts_from, from_words and "
        r"due_words together; add due_words, or remove days, counts_from, from_words",
    ),
    "kind of day misspelled": (
        edit("data/timeline.yml", "day_kind: calendar", "day_kind: calender"),
        r"data/timeline\.yml:\d+: step 'evaluation', field 'day_kind': must be 'calendar' or 'school', got 'calender'",
    ),
    "state rule with days but no kind of day": (
        write("data/state-rules.yml", "- state: Oregon\n  step: evaluation\n  rule: Sixty school days, or 60.\n"
              "  days: 60\n  sources: [cfr-300-301]\n"),
        r"data/state-rules\.yml:\d+: state rule 1: give days and day_kind together \(e\.g\. days: 60 and day_kind: "
        r"school\), or neither",
    ),
    "next review before the last review, in a condition": (
        set_line(AUTISM, "last_reviewed", "last_reviewed: 2026-11-24\nnext_review: 2026-01-01\n"),
        r"data/conditions/autism\.yml:7: condition 'autism', field 'next_review': 2026-01-01 is not after last_reviewed "
        r"\(2026-11-24\); give a later date, or leave next_review out",
    ),
    "next review later than the rule allows, in a page": (
        set_line("docs/rights.md", "last_reviewed", "last_reviewed: 2026-11-24\nnext_review: 2029-01-01\n"),
        r"docs/rights\.md:1: field 'next_review': 2029-01-01 is later than data/review\.yml allows \(2027-11-24, "
        r"12 months after last_reviewed\); next_review can only bring a review sooner",
    ),
    "next review that is not a date, in a page": (
        set_line("docs/rights.md", "last_reviewed", "last_reviewed: 2026-11-24\nnext_review: soon\n"),
        r"docs/rights\.md:1: field 'next_review': 'soon' is not a date; write it as YYYY-MM-DD, or leave next_review out",
    ),
    "due date written by hand in a page": (
        set_line("docs/rights.md", "last_reviewed", "last_reviewed: 2026-11-24\nnext_review_due: 2027-01-01\n"),
        r"docs/rights\.md:1: field 'next_review_due': the site works this date out from last_reviewed and "
        r"data/review\.yml; to make a review come sooner, write next_review: YYYY-MM-DD",
    ),
    "review interval written in words": (
        edit("data/review.yml", "review_every_months: 12", "review_every_months: twelve"),
        r"data/review\.yml:\d+: review rule, field 'review_every_months': expected a whole number, got 'twelve'",
    ),
    "review interval too long": (
        edit("data/review.yml", "review_every_months: 12", "review_every_months: 36"),
        r"data/review\.yml:\d+: review rule, field 'review_every_months': must be 24 or less, got a number \(36\)",
    ),
    "review rule file deleted": (
        lambda project: (project / "data/review.yml").unlink(),
        r"data/review\.yml: the file is missing",
    ),
    "macro in a page that is not rendered": (
        edit("docs/after-high-school.md", "render_macros: true\n", ""),
        r"^ERROR\s+-\s+docs/after-high-school\.md: calls \{\{ cite\(\) \}\} but is not rendered, so readers would see that "
        r"text; add 'render_macros: true' to its front matter$",
    ),
    "brand file deleted": (
        lambda project: (project / "brand.yml").unlink(),
        r"brand\.yml: the file is missing; it names the organisation that publishes the site",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_mistake_stops_the_build_with_one_clear_line(project, tmp_path, case):
    break_it, expected = CASES[case]
    break_it(project)
    result = mkdocs_build(project, tmp_path / "out")
    output = result.stderr + result.stdout
    assert result.returncode == 1, output[-3000:]
    assert re.search(expected, output, re.MULTILINE), output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    # The problem lines and the closing "N problem(s)" line, nothing else.
    assert errors[-1].endswith("fix them and build again."), errors
    assert len(errors) - 1 >= 1


def test_a_data_mistake_leaves_the_last_good_build_in_place(project, tmp_path):
    out = tmp_path / "out"
    assert mkdocs_build(project, out).returncode == 0
    edit(AUTISM, "title: Autism", "titel: Autism")(project)
    assert mkdocs_build(project, out).returncode == 1
    assert (out / "conditions" / "autism" / "index.html").is_file()


def test_text_from_data_is_shown_as_text_never_as_markup(project, tmp_path):
    odd = "Fish & chips < 5 *stars* [link](https://example.org) `code` # not a heading | pipe \\ end"
    quoted = json.dumps(odd)  # JSON strings are YAML strings; the quotes keep ' #' from starting a comment
    edit(AUTISM, "Changes in the plan for the day can be very upsetting.", quoted)(project)
    edit("data/ot-vs-pt.yml", "A related service, listed in 34 CFR 300.34.", quoted)(project)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    site = Site(tmp_path / "out")
    for url in ("conditions/autism/", "ot-and-pt/"):
        article = site.html(url).select_one("article")
        assert odd in " ".join(article.get_text(" ").split()), url
        assert not article.select("a[href='https://example.org'], code, em"), url
