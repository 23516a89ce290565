"""A page's front matter, checked once by one rule (kb/records.py's PageFrontMatter) for the
build (kb/page_checks.py) and `dev.py review` (kb/review.py): each mistake is one line that
names the page and the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from kb.load import Problem
from kb.records import PageFrontMatter, ReviewRule

# Every page carries these; pages made from data get them from the record.
NEEDED = {
    "last_reviewed": "the date the page was last reviewed, as YYYY-MM-DD",
    "description": "one sentence that sums up the page (search engines and link previews show it)",
}
REVIEW_FIELDS = ("last_reviewed", "next_review", "next_review_due")


def checked(meta: dict[str, Any]) -> tuple[PageFrontMatter | None, list[dict[str, Any]]]:
    """The front matter as the model reads it (None if any field is wrong), and its errors."""
    try:
        return PageFrontMatter.model_validate(meta), []
    except ValidationError as error:
        return None, error.errors()


def review_dates(meta: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """last_reviewed and next_review as dates, each None when missing or not a date. MkDocs reads
    YYYY-MM-DD as a date, Zensical leaves it as text: the model takes both."""
    def one(name: str) -> dt.date | None:
        page, _ = checked({name: meta.get(name)})
        return getattr(page, name) if page else None
    return one("last_reviewed"), one("next_review")


def explain(error: dict[str, Any], meta: dict[str, Any]) -> tuple[str, str]:
    """(field, words for an editor) for one error of the model."""
    name, rest = str(error["loc"][0]), error["loc"][1:]
    if name == "search_words":
        where = "".join(f"[{step}]" for step in rest)
        return name, (f"'search_words{where}' {error['msg'].lower()}: write a list of short phrases, "
                      "one per line starting with '- '")
    if name == "last_reviewed" and not isinstance(meta.get(name), dt.date) and "future" not in error["msg"]:
        return name, f"'last_reviewed' must be a real date written as YYYY-MM-DD, not {meta[name]!r}"
    if name == "next_review":
        return name, f"{meta[name]!r} is not a date; write it as YYYY-MM-DD, or leave next_review out"
    return name, str(error["msg"]).removeprefix("Value error, ")


def front_matter_problems(meta: dict[str, Any], file: str, rule: ReviewRule,
                          fields: tuple[str, ...] | None = None) -> list[Problem]:
    """What is wrong with a page's front matter: everything, or only the named `fields`
    (`dev.py review` asks only about the dates)."""
    def wanted(name: str) -> bool:
        return fields is None or name in fields

    problems = [Problem(file, f"the front matter needs '{key}': {what}", line=1)
                for key, what in NEEDED.items() if wanted(key) and not meta.get(key)]
    _, errors = checked(meta)
    for error in errors:
        name, message = explain(error, meta)
        if wanted(name) and meta.get(name) is not None:
            problems.append(Problem(file, message, line=1, field="next_review" if name == "next_review" else None))
    if wanted("next_review_due") and "next_review_due" in meta:  # the build works it out; an editor means next_review
        problems.append(Problem(file, "the site works this date out from last_reviewed and data/review.yml; "
                                "to make a review come sooner, write next_review: YYYY-MM-DD", line=1,
                                field="next_review_due"))
    reviewed, next_review = review_dates(meta)
    wrong = wanted("next_review") and reviewed and next_review and rule.next_review_problem(reviewed, next_review)
    if wrong:
        problems.append(Problem(file, wrong, line=1, field="next_review"))
    return problems
