"""Checked records → Markdown. Pure functions: the same records always give the same text.

Text from data is plain text: every value goes through `plain()` so that it can never become
HTML or Markdown formatting on the page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable

from kb.load import Knowledge
from kb.records import ComparisonRow, Condition, EvidenceLevel, Source, Strategy

# The characters Python-Markdown treats as formatting when they are backslash-escaped.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def plain(text: str) -> str:
    """Show `text` exactly as written: no HTML, no Markdown formatting, no line breaks."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def cell(text: str) -> str:
    return plain(text).replace("|", "\\|")


def page_link(from_page: str, to_page: str) -> str:
    """A link from one Markdown file to another, relative, so MkDocs checks and rewrites it."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def condition_page_path(condition_id: str) -> str:
    return f"conditions/{condition_id}.md"


def cite(source: Source) -> str:
    # Angle brackets: eCFR paragraph links contain parentheses, e.g. #p-300.34(c)(6).
    return f"[{plain(source.title)}](<{source.link}>)"


def citations(sources: Iterable[Source]) -> str:
    return "; ".join(cite(s) for s in sources)


def unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def render_comparison_table(rows: Iterable[ComparisonRow], knowledge: Knowledge) -> str:
    rows = list(rows)
    lines = [
        "| | Occupational therapy (OT) | Physical therapy (PT) |",
        "|---|---|---|",
        *(f"| **{cell(r.aspect)}** | {cell(r.ot)} | {cell(r.pt)} |" for r in rows),
    ]
    sources = [knowledge.sources[i] for i in unique(i for r in rows for i in r.sources)]
    return "\n".join(lines) + "\n\nSources: " + citations(sources) + "\n"


def render_evidence_scale(levels: Iterable[EvidenceLevel]) -> str:
    return "\n".join(f"- **{plain(level.label)}**: {plain(level.meaning)}" for level in levels) + "\n"


def render_strategy(strategy: Strategy, knowledge: Knowledge) -> str:
    level = knowledge.evidence[strategy.evidence]
    sources = [knowledge.sources[i] for i in strategy.sources]
    return (
        f"### {plain(strategy.name)} {{#{strategy.id}}}\n\n"
        f"{plain(strategy.what)}\n\n"
        f"**What the research says: {plain(level.label)}.** {plain(strategy.evidence_note)}\n\n"
        f"Sources: {citations(sources)}\n"
    )


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {plain(item)}" for item in items) + "\n"


def render_condition_page(condition: Condition, knowledge: Knowledge, page: str) -> str:
    """The whole page for one condition. Section ids are fixed so that links to them last."""
    parts = [
        f"# {plain(condition.title)}\n\n{plain(condition.summary)}\n",
        f"## What it can look like at school {{#at-school}}\n\n{bullet_list(condition.at_school)}",
        f"## How OT can help {{#how-ot-helps}}\n\n{bullet_list(condition.how_ot_helps)}",
        "## Strategies and what the research says {#strategies}\n\n"
        + "\n".join(render_strategy(s, knowledge) for s in condition.strategies),
    ]
    if condition.questions:
        parts.append(f"## Questions to ask the team {{#questions}}\n\n{bullet_list(condition.questions)}")
    if condition.related:
        related = [knowledge.conditions[i] for i in condition.related]
        parts.append("## Related pages {#related}\n\n" + render_condition_list(related, page))
    if condition.sources:
        parts.append("## Sources {#sources}\n\n" + render_source_list(knowledge.sources[i] for i in condition.sources))
    return "\n".join(parts)


def render_condition_list(conditions: Iterable[Condition], page: str) -> str:
    return "\n".join(
        f"- [{plain(c.title)}]({page_link(page, condition_page_path(c.id))}): {plain(c.summary)}"
        for c in conditions
    ) + "\n"


def render_source_list(sources: Iterable[Source]) -> str:
    return "\n".join(f"- {cite(s)}. {plain(s.publisher)}" + (f", {s.year}" if s.year else "") + "."
                     for s in sources) + "\n"
