"""Review dates: when each page was last checked, when it is due again, and the list of pages due.

Every page shows "Last reviewed" and "Next review due" (overrides/main.html). The due date is
`review_every_months` (data/review.yml) after the last review, unless the page sets an earlier
`next_review` of its own. kb/macros.py puts the dates on each page as it is built;

    python3 dev.py review                      every page, overdue first, then due within 60 days
    python3 dev.py review --today 2027-10-01   the same as of another day, to plan ahead

reads docs/ and data/ without building the site, and names the file to edit for each page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.front_matter import REVIEW_FIELDS, front_matter_problems, review_dates
from kb.load import DataError, Problem, load_knowledge
from kb.records import Knowledge, ReviewRule
from kb.render import published_address

PROJECT = Path(__file__).resolve().parent.parent
# Pages due within this many days are listed right after the overdue ones.
SOON = dt.timedelta(days=60)
# A condition's page and its handout are one-line stubs: their dates live in the condition's file.
CONDITION_STUB = re.compile(r"""\{\{\s*condition_(?:page|handout)\(\s*["']([^"']*)["']\s*\)\s*\}\}""")
# Front matter as MkDocs finds it: between two --- lines at the very top.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


# --- The dates on each page (kb/macros.py calls these while building) -------------------------


def show_review_dates(meta: dict[str, Any], rule: ReviewRule, last_reviewed: dt.date,
                      next_review: dt.date | None = None) -> None:
    """Put the dates overrides/main.html shows in the page's meta; the due date as text, which
    both MkDocs' and Zensical's templates print as it is."""
    meta["last_reviewed"] = last_reviewed
    meta["next_review_due"] = rule.due(last_reviewed, next_review).isoformat()


def show_front_matter_review_dates(meta: dict[str, Any], rule: ReviewRule) -> None:
    """For a page written by hand, from its front matter; nothing when its dates are not dates
    (front_matter_review_problems says what is wrong)."""
    reviewed, wanted = review_dates(meta)
    if reviewed and (wanted or meta.get("next_review") is None):
        show_review_dates(meta, rule, reviewed, wanted)


# --- The list of pages due ---------------------------------------------------------------------


@dataclass(frozen=True)
class PageReview:
    address: str  # the page's web address, "/conditions/autism/"
    last_reviewed: dt.date
    due: dt.date
    edit: str  # the file a volunteer changes to mark the page reviewed


def page_address(path: str) -> str:
    """The address a page in docs/ is published at: about.md → /about/, conditions/index.md → /conditions/.
    The one rule for it is kb/render.py's published_address, here from the site's root."""
    return published_address("", path)


def front_matter(text: str) -> dict[str, Any]:
    found = FRONT_MATTER.match(text)
    if not found:
        return {}
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def review_of_page(path: str, text: str, knowledge: Knowledge) -> PageReview | Problem:
    """One page of docs/ (`path` relative to it): its dates and where they are written."""
    file = f"docs/{path}"
    stub = CONDITION_STUB.search(text)
    if stub:
        condition = knowledge.conditions.get(stub.group(1))
        if condition is None:
            return Problem(file, f"there is no condition with the id '{stub.group(1)}' in data/conditions/")
        due = knowledge.review.due(condition.last_reviewed, condition.next_review)
        return PageReview(page_address(path), condition.last_reviewed, due, f"data/conditions/{condition.id}.yml")
    meta = front_matter(text)
    problems = front_matter_problems(meta, file, knowledge.review, fields=REVIEW_FIELDS)
    if problems:
        return problems[0]
    reviewed, wanted = review_dates(meta)
    return PageReview(page_address(path), reviewed, knowledge.review.due(reviewed, wanted), file)


def page_reviews(docs_dir: Path, knowledge: Knowledge) -> tuple[list[PageReview], list[Problem]]:
    reviews, problems = [], []
    for page in sorted(docs_dir.rglob("*.md")):
        result = review_of_page(page.relative_to(docs_dir).as_posix(), page.read_text(encoding="utf-8"), knowledge)
        (problems if isinstance(result, Problem) else reviews).append(result)
    return reviews, problems


def urgency(review: PageReview, today: dt.date) -> str:
    if review.due < today:
        return "Overdue"
    if review.due <= today + SOON:
        return f"Due within {SOON.days} days"
    return "Later"


def grouped_by_urgency(reviews: list[PageReview], today: dt.date) -> dict[str, list[PageReview]]:
    """Overdue first, then due soon, then the rest; soonest due first in each."""
    groups: dict[str, list[PageReview]] = {"Overdue": [], f"Due within {SOON.days} days": [], "Later": []}
    for review in sorted(reviews, key=lambda r: (r.due, r.address)):
        groups[urgency(review, today)].append(review)
    return groups


def report(reviews: list[PageReview], today: dt.date, rule: ReviewRule) -> str:
    width = max([len(r.address) for r in reviews] + [len("Page")])
    lines = [(f"Review dates as of {today.isoformat()}. A page is due {rule.review_every_months} months "
              "after its last review (data/review.yml), or on its own next_review date.")]
    for title, group in grouped_by_urgency(reviews, today).items():
        lines += ["", f"{title}: {len(group)} page{'' if len(group) == 1 else 's'}"]
        if group:
            lines.append(f"  {'Due':<10}  {'Reviewed':<10}  {'Page':<{width}}  Edit to mark it reviewed")
        lines += [f"  {r.due.isoformat()}  {r.last_reviewed.isoformat()}  {r.address:<{width}}  {r.edit}" for r in group]
    lines += ["", ("To mark a page reviewed: check it against its sources, then set last_reviewed to today's "
                   "date in the file named.")]
    return "\n".join(lines)


def given_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written as YYYY-MM-DD") from None


def main(argv: list[str] | None = None, project: Path = PROJECT) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py review", description="Which pages are due for review.")
    parser.add_argument("--today", type=given_day, default=dt.date.today(), help="as of this day, YYYY-MM-DD")
    today = parser.parse_args(argv).today
    try:
        knowledge = load_knowledge(project / "data")
    except DataError as error:
        print("\n".join(map(str, error.problems)), file=sys.stderr)
        return 1
    reviews, problems = page_reviews(project / "docs", knowledge)
    print(report(reviews, today, knowledge.review))
    if problems:  # the build stops on these too; listed last, so they are what the editor sees
        print("\nThese pages have no review date the build accepts; fix them:", file=sys.stderr)
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    return 0
