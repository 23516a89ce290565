"""Review dates: "Next review due" on every page, and `python3 dev.py review`, the list of pages due."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from kb.load import load_knowledge
from kb.records import ReviewRule, add_months
from kb.review import (
    PageReview,
    grouped_by_urgency,
    page_address,
    report,
    review_of_page,
    show_front_matter_review_dates,
)

from conftest import ROOT, Site, mkdocs_build, replace_line, text

KNOWLEDGE = load_knowledge(ROOT / "data")
YEARLY = ReviewRule(review_every_months=12)
TODAY = dt.date(2026, 11, 24)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- The rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [("2026-11-24", 12, "2027-11-24"),
     ("2026-12-15", 1, "2027-01-15"),  # into the next year
     ("2026-01-31", 1, "2026-02-28"),  # a shorter month: its last day
     ("2024-02-29", 12, "2025-02-28"),
     ("2026-08-31", 6, "2027-02-28")],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(start, months, due):
    assert add_months(day(start), months) == day(due)


def test_the_due_date_is_the_rules_unless_the_page_sets_an_earlier_one():
    assert YEARLY.due(day("2026-11-24")) == day("2027-11-24")
    assert YEARLY.due(day("2026-11-24"), day("2027-03-01")) == day("2027-03-01")
    assert ReviewRule(review_every_months=6).due(day("2026-11-24")) == day("2027-05-24")


@pytest.mark.parametrize(
    ("next_review", "problem"),
    [("2027-03-01", None),
     ("2027-11-24", None),  # the rule's own date: allowed
     ("2026-11-24", "2026-11-24 is not after last_reviewed (2026-11-24)"),
     ("2026-01-01", "2026-01-01 is not after last_reviewed (2026-11-24)"),
     ("2027-11-25", "2027-11-25 is later than data/review.yml allows (2027-11-24, 12 months after last_reviewed)")],
)
def test_a_pages_own_next_review_may_only_bring_the_review_sooner(next_review, problem):
    found = YEARLY.next_review_problem(day("2026-11-24"), day(next_review))
    assert (found is None) if problem is None else found.startswith(problem), found


def test_front_matter_dates_reach_the_template_as_mkdocs_and_zensical_read_them():
    for written in (day("2026-11-24"), "2026-11-24"):  # MkDocs reads a date, Zensical text
        meta = {"last_reviewed": written}
        show_front_matter_review_dates(meta, YEARLY)
        assert meta["next_review_due"] == "2027-11-24"
    meta = {"last_reviewed": "2026-11-24", "next_review": "2027-02-01"}
    show_front_matter_review_dates(meta, YEARLY)
    assert meta["next_review_due"] == "2027-02-01"
    meta = {"last_reviewed": "soon"}
    show_front_matter_review_dates(meta, YEARLY)
    assert "next_review_due" not in meta


# --- The list of pages due, with a fixed "today" ---------------------------------------------


@pytest.mark.parametrize(
    ("path", "address"),
    [("index.md", "/"), ("about.md", "/about/"), ("conditions/index.md", "/conditions/"),
     ("print/handouts/autism.md", "/print/handouts/autism/")],
)
def test_page_address(path, address):
    assert page_address(path) == address


def test_a_condition_stub_takes_its_dates_from_the_conditions_file():
    autism = KNOWLEDGE.conditions["autism"]
    for path, stub in (("conditions/autism.md", '{{ condition_page("autism") }}\n'),
                       ("print/handouts/autism.md", "{{ condition_handout('autism') }}\n")):
        review = review_of_page(path, stub, KNOWLEDGE)
        assert review == PageReview(page_address(path), autism.last_reviewed,
                                    KNOWLEDGE.review.due(autism.last_reviewed), "data/conditions/autism.yml")


def test_a_page_written_by_hand_takes_its_dates_from_its_front_matter():
    page = "---\ndescription: x\nlast_reviewed: 2026-05-02\nnext_review: 2026-12-01\n---\n\n# Rights\n"
    assert review_of_page("rights.md", page, KNOWLEDGE) == PageReview(
        "/rights/", day("2026-05-02"), day("2026-12-01"), "docs/rights.md")


@pytest.mark.parametrize(
    ("page", "problem"),
    [("# No front matter\n", "docs/x.md:1: the front matter needs 'last_reviewed'"),
     ("---\nlast_reviewed: 2026-05-02\nnext_review: 2026-01-01\n---\n", "docs/x.md:1: field 'next_review': 2026-01-01 is not after"),
     ("---\nlast_reviewed: 2026-05-02\nnext_review: soon\n---\n", "docs/x.md:1: field 'next_review': 'soon' is not a date"),
     ('{{ condition_page("autsim") }}\n', "docs/x.md: there is no condition with the id 'autsim'")],
)
def test_a_page_without_a_usable_date_is_named(page, problem):
    assert str(review_of_page("x.md", page, KNOWLEDGE)).startswith(problem)


def review(address: str, due: str) -> PageReview:
    return PageReview(address, add_months(day(due), -12), day(due), f"docs{address}.md")


def test_overdue_pages_come_first_then_those_due_within_60_days_then_the_rest():
    reviews = [review("/later", "2027-06-01"), review("/soon-b", "2027-01-20"), review("/old", "2026-11-23"),
               review("/soon-a", "2026-11-24"), review("/edge", "2027-01-23"), review("/oldest", "2025-01-01")]
    groups = grouped_by_urgency(reviews, TODAY)
    assert {title: [r.address for r in group] for title, group in groups.items()} == {
        "Overdue": ["/oldest", "/old"],
        "Due within 60 days": ["/soon-a", "/soon-b", "/edge"],  # due today is not overdue yet
        "Later": ["/later"],
    }


def test_the_report_lists_each_page_with_both_dates_and_the_file_to_edit():
    lines = report([review("/later", "2027-06-01"), review("/old", "2026-01-05")], TODAY, YEARLY).splitlines()
    assert lines[0].startswith("Review dates as of 2026-11-24. A page is due 12 months after its last review")
    assert lines.index("Overdue: 1 page") < lines.index("  2026-01-05  2025-01-05  /old    docs/old.md")
    assert lines.index("Due within 60 days: 0 pages") < lines.index("Later: 1 page")
    assert lines.index("Later: 1 page") < lines.index("  2027-06-01  2026-06-01  /later  docs/later.md")


# --- The real command ----------------------------------------------------------------------------


def test_dev_py_review_lists_every_page_of_the_real_site(monkeypatch, capfd):
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    monkeypatch.setattr(dev, "ensure_venv", lambda requirements: Path(sys.executable))  # this Python has it all
    assert dev.main(["review", "--today", "2026-11-24"]) == 0
    out = capfd.readouterr().out.splitlines()
    assert out[0] == ("Review dates as of 2026-11-24. A page is due 12 months after its last review "
                      "(data/review.yml), or on its own next_review date.")
    assert [line for line in out if re.fullmatch(r"[A-Z][\w ]+: \d+ pages?", line)] == [
        "Overdue: 0 pages", "Due within 60 days: 0 pages", f"Later: {len(list((ROOT / 'docs').rglob('*.md')))} pages"]
    rows = {line.split()[2]: line.split() for line in out if line.startswith("  20")}
    autism = KNOWLEDGE.conditions["autism"]
    due = add_months(autism.last_reviewed, 12).isoformat()
    assert rows["/conditions/autism/"] == [due, autism.last_reviewed.isoformat(), "/conditions/autism/",
                                           "data/conditions/autism.yml"]
    assert rows["/print/handouts/autism/"][3] == "data/conditions/autism.yml"
    assert rows["/rights/"][3] == "docs/rights.md"


# --- A page that sets its own next_review, built ------------------------------------------------


def test_a_pages_own_next_review_shows_on_the_built_page(project, tmp_path):
    replace_line(project / "docs/rights.md", "last_reviewed", "last_reviewed: 2026-11-24\nnext_review: 2027-02-01\n")
    replace_line(project / "data/conditions/autism.yml", "last_reviewed", "last_reviewed: 2026-11-24\nnext_review: 2027-03-15\n")
    replace_line(project / "docs/about.md", "last_reviewed", "last_reviewed: 2026-11-24\n")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    site = Site(tmp_path / "out")
    expected = {"rights/": "2027-02-01", "conditions/autism/": "2027-03-15", "print/handouts/autism/": "2027-03-15",
                "about/": "2027-11-24"}
    for url, due in expected.items():
        shown = text(site.html(url).select_one(".kb-last-reviewed"))
        assert shown == f"Last reviewed: 2026-11-24 · Next review due: {due}", url


# --- One rule for a page's front matter, shared by the build and dev.py review -----------------


def test_front_matter_is_checked_by_one_rule_for_the_build_and_the_review_list():
    from kb.front_matter import REVIEW_FIELDS, front_matter_problems, review_dates

    # Zensical leaves dates as text, MkDocs reads them as dates: both are the same page.
    assert review_dates({"last_reviewed": "2026-11-24", "next_review": "2027-02-01"}) == (day("2026-11-24"), day("2027-02-01"))
    assert review_dates({"last_reviewed": day("2026-11-24")}) == (day("2026-11-24"), None)
    page = {"description": "A page.", "last_reviewed": "2999-01-01", "search_words": "one line"}
    everything = [p.message for p in front_matter_problems(page, "docs/x.md", YEARLY)]
    assert any("2999-01-01 is in the future" in m for m in everything), everything
    assert any(m.startswith("'search_words' input should be a valid list") for m in everything), everything
    # dev.py review asks only about the dates: a missing description is the build's business.
    dates_only = [p.message for p in front_matter_problems({"last_reviewed": "2999-01-01"}, "docs/x.md", YEARLY, REVIEW_FIELDS)]
    assert len(dates_only) == 1 and "in the future" in dates_only[0], dates_only
