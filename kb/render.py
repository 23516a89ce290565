"""Checked records → Markdown. Pure functions: the same records always give the same text.

Text from data is plain text: every value goes through `plain()` so that it can never become
HTML or Markdown formatting on the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kb.icons import icon_svg
from kb.words import Words, words_for
from kb.records import (
    Brand,
    ComparisonRow,
    Condition,
    EvidenceLevel,
    GlossaryTerm,
    IepArea,
    Knowledge,
    LocalHelp,
    Right,
    Source,
    StateRule,
    Strategy,
    TimelineStep,
)

# The characters Python-Markdown treats as formatting when they are backslash-escaped.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def plain(text: str) -> str:
    """Show `text` exactly as written: no HTML, no Markdown formatting, no line breaks."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


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


def sources_block(markdown: str) -> str:
    """Mark a list of sources as references (print and reading-level checks treat it so)."""
    return f'<div class="kb-sources" markdown data-search-exclude>\n\n{markdown.strip()}\n\n</div>\n'


def words(knowledge: Knowledge) -> Words:
    """The fixed words of the edition being built (kb/words.py)."""
    return words_for(knowledge.language)


def checked_on(day: dt.date, knowledge: Knowledge) -> str:
    """When a rule's wording was last held against the official text, dated as "Last reviewed" is."""
    return f'{words(knowledge).checked_on}: <time datetime="{day.isoformat()}">{day.isoformat()}</time>.'


def sources_line(ids: Iterable[str], knowledge: Knowledge, label: str | None = None,
                 checked: dt.date | None = None) -> str:
    line = f"{label or words(knowledge).sources}: " + citations(knowledge.sources[i] for i in ids)
    return sources_block(line + (f"\n\n{checked_on(checked, knowledge)}" if checked else ""))


def unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


# The two columns of the OT/PT table (Words.compared). On a phone each row becomes a card, and
# each cell shows its column's name (data-label) above it, so the table never scrolls sideways.
def render_comparison_table(rows: Iterable[ComparisonRow], knowledge: Knowledge) -> str:
    """An HTML table, not a Markdown one: its cells need data-label for the phone layout."""
    rows = list(rows)
    text = functools.partial(html.escape, quote=True)
    compared = words(knowledge).compared
    header = "".join(f'<th scope="col">{text(name)}</th>' for name in compared)
    body = "".join(
        f'<tr><th scope="row">{text(r.aspect)}</th>'
        + "".join(f'<td data-label="{text(name)}">{text(value)}</td>' for name, value in zip(compared, (r.ot, r.pt)))
        + "</tr>"
        for r in rows
    )
    table = (
        '<div class="kb-compare"><table>'
        f'<thead><tr><th scope="col">{text(words(knowledge).topic)}</th>{header}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
    return table + "\n\n" + sources_line(unique(i for r in rows for i in r.sources), knowledge)


# --- Ratings as badges (issue 16) ---------------------------------------------------------------
# A rating is a badge: the level's icon and its words, always both, so it reads without colour,
# on paper and to a screen reader (the icon is hidden from it: the words say it all). The colour,
# one class per level in site.css, only repeats them. The same badge on condition pages, their
# handouts and the page that explains the scale.

# The page that explains the scale, where each list of ratings points.
EVIDENCE_SCALE = "conditions/index.md#evidence-scale"


def render_badge(level: EvidenceLevel) -> str:
    return f'<span class="kb-badge kb-badge--{level.id}">{icon_svg(level.icon)}{plain(level.label)}</span>'


def render_evidence_scale(levels: Iterable[EvidenceLevel]) -> str:
    items = "\n".join(f"- {render_badge(level)} {plain(level.meaning)}" for level in levels)
    return f'<div class="kb-scale" markdown>\n\n{items}\n\n</div>\n'


def render_ratings_at_a_glance(strategies: Iterable[Strategy], knowledge: Knowledge, condition_id: str,
                               page: str) -> str:
    """Every strategy of a condition page with its rating, each linking to its section, in the
    order of the sections: the answer to "what works?" before seven screens of detail. Left out
    of search, which finds each strategy in its own section."""
    items = "\n".join(
        f"- [{plain(s.name)}](#{s.id}) {render_badge(knowledge.evidence[s.rating_for(condition_id).evidence])}"
        for s in strategies
    )
    scale = f"{page_link(page, EVIDENCE_SCALE.split('#')[0])}#{EVIDENCE_SCALE.split('#')[1]}"
    return (f'<div class="kb-ratings" markdown data-search-exclude="true">\n\n{items}\n\n'
            f"[{words(knowledge).ratings_explained}]({scale})\n\n</div>\n")


def render_strategy(strategy: Strategy, knowledge: Knowledge, condition_id: str | None = None) -> str:
    """A strategy as the page of one condition shows it: with the rating for those children."""
    rating = strategy.rating_for(condition_id)
    level = knowledge.evidence[rating.evidence]
    return (
        f"### {plain(strategy.name)} {{#{strategy.id}}}\n\n"
        f"{plain(strategy.what)}\n\n"
        f"{plain(words(knowledge).research_says)}: {render_badge(level)}\n{{: .kb-rating }}\n\n"
        f"{plain(rating.evidence_note)}\n\n"
        + (sources_line(rating.sources, knowledge) if rating.sources else "")
    )


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {plain(item)}" for item in items) + "\n"


# Every page opens with this box: what a parent should know first, in three lines at most.
# Pages written by hand write the same admonition under their title (README, "Writing for parents").
def render_at_a_glance(lines: Iterable[str], knowledge: Knowledge) -> str:
    title = words(knowledge).at_a_glance
    return f'!!! abstract kb-glance "{title}"\n\n' + "".join(f"    - {plain(line)}\n" for line in lines)


def render_condition_page(condition: Condition, knowledge: Knowledge, page: str, has_handout: bool = False) -> str:
    """The whole page for one condition. Section ids are fixed so that links to them last.
    The link to its printable handout only if the handout's page exists (tests/test_print.py
    names any that is missing), so a new condition never breaks the build. Its `summary`
    is the page's description for search engines and the list of conditions; the page itself
    opens with what a parent should know first."""
    w = words(knowledge)
    strategies = [knowledge.strategies[i] for i in condition.strategies]
    parts = [
        f"# {plain(condition.title)}\n\n{render_at_a_glance(condition.at_a_glance, knowledge)}",
        *([handout_link(condition, page, knowledge)] if has_handout else []),
        f"## {w.at_school} {{#at-school}}\n\n{bullet_list(condition.at_school)}",
        f"## {w.how_ot_helps} {{#how-ot-helps}}\n\n{bullet_list(condition.how_ot_helps)}",
        f"## {w.strategies} {{#strategies}}\n\n"
        + render_ratings_at_a_glance(strategies, knowledge, condition.id, page) + "\n"
        + "\n".join(render_strategy(s, knowledge, condition.id) for s in strategies),
        f"## {w.goals} {{#goals}}\n\n{bullet_list(condition.goals)}",
        f"## {w.accommodations} {{#accommodations}}\n\n{bullet_list(condition.accommodations)}",
    ]
    if condition.questions:
        parts.append(f"## {w.questions} {{#questions}}\n\n{bullet_list(condition.questions)}")
    if condition.related:
        related = [knowledge.conditions[i] for i in condition.related]
        parts.append(f"## {w.related} {{#related}}\n\n" + render_condition_list(related, page))
    if condition.sources:
        parts.append(f"## {w.sources_heading} {{#sources data-search-exclude=\"true\"}}\n\n"
                     + render_source_list(knowledge.sources[i] for i in condition.sources))
    return "\n".join(parts)


def handout_link(condition: Condition, page: str, knowledge: Knowledge) -> str:
    # Left out of search: the same line on every condition page would only crowd the results.
    target = page_link(page, handout_page_path(condition.id))
    return f"[{words(knowledge).print_handout}]({target})\n{{: data-search-exclude=\"true\" }}\n"


def render_condition_list(conditions: Iterable[Condition], page: str) -> str:
    return "\n".join(f"- {condition_link(c, page)}: {plain(c.summary)}" for c in conditions) + "\n"


def render_source_list(sources: Iterable[Source]) -> str:
    return sources_block("\n".join(f"- {cite(s)}. {plain(s.publisher)}" + (f", {s.year}" if s.year else "") + "."
                                    for s in sources))


def render_right(right: Right, knowledge: Knowledge) -> str:
    parts = [f"## {plain(right.title)} {{#{right.id}}}\n\n{plain(right.summary)}\n"]
    if right.details:
        parts.append(bullet_list(right.details))
    w = words(knowledge)
    if not right.settled:  # a rule whose wording facts.md has not yet checked against the official text
        parts.append(f'!!! note "{w.still_being_checked}"\n    {plain(w.not_settled)}\n')
    parts.append(sources_line(right.sources, knowledge, label=w.the_rule, checked=right.checked))
    return "\n".join(parts)


def render_rights(rights: Iterable[Right], knowledge: Knowledge) -> str:
    return "\n".join(render_right(r, knowledge) for r in rights)


def rules_of_state(step_id: str, state: str | None, knowledge: Knowledge) -> list[StateRule]:
    """The rules data/state-rules.yml gives the site's state for one step (none without a state)."""
    if not state:
        return []
    return [r for r in knowledge.state_rules if r.step == step_id and r.state.casefold() == state.casefold()]


def render_state_rules(rules: Iterable[StateRule], knowledge: Knowledge) -> str:
    """'In Oregon: ...', each with the source that states it, on one line."""
    return "".join(
        f"**{words(knowledge).in_state} {plain(rule.state)}:** {plain(rule.rule)} ({citations(knowledge.sources[i] for i in rule.sources)})\n"
        for rule in rules
    )


def render_timeline(steps: Iterable[TimelineStep], knowledge: Knowledge, state: str | None = None) -> str:
    parts, w = [], words(knowledge)
    for number, step in enumerate(steps, start=1):
        part = f"## {w.step} {number}: {plain(step.title)} {{#{step.id}}}\n\n{bullet_list(step.what)}"
        if step.deadline:
            part += f"\n**{w.deadline}: {plain(step.deadline)}** {w.federal_minimum}\n"
        if state_rules := render_state_rules(rules_of_state(step.id, state, knowledge), knowledge):
            part += "\n" + state_rules
        if step.sources:
            part += "\n" + sources_line(step.sources, knowledge, label=w.the_rule, checked=step.checked)
        parts.append(part)
    return "\n".join(parts)


# --- Working out a date, and the steps at a glance (issue 16) -----------------------------------
# The counts are data (data/timeline.yml's days, day_kind and counts_from; a state rule's days and
# day_kind); the sentences are kb/words.py's. The page says each rule in words; the browser
# (overrides/assets/kb/dates.js) turns a date the reader types into the deadline's date, from
# the data-* attributes here, and nothing else.


def fill(template: str, **values: str) -> str:
    """Put each value in its {name}; any other {name} (the browser's {date}) stays as it is."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def day_kind_words(kind: str, w: Words) -> str:
    return w.calendar_days if kind == "calendar" else w.school_days


def steps_counting_from(start: str, steps: Iterable[TimelineStep]) -> list[TimelineStep]:
    """The steps whose deadline counts from the date of step `start`."""
    return [s for s in steps if s.counts_from == start and s.days is not None]


@dataclass(frozen=True)
class Count:
    """One rule's count of days for a step: the federal rule, or the site's state's own."""

    days: int
    kind: str  # calendar or school
    state: str | None = None  # None: the federal rule

    def who(self, w: Words) -> str:
        return f"{w.in_state} {self.state}" if self.state else w.federal_rule


def counts_for(step: TimelineStep, state: str | None, knowledge: Knowledge) -> list[Count]:
    """The federal count of a step, then each rule of the site's state that gives its count as data."""
    if step.days is None:
        return []
    return [Count(step.days, step.day_kind)] + [Count(r.days, r.day_kind, r.state)
                                                 for r in rules_of_state(step.id, state, knowledge) if r.days]


def render_count(step: TimelineStep, count: Count, w: Words) -> tuple[list[str], str]:
    """A count's rule in words, and, for calendar days, the element dates.js fills with its date."""
    attr = functools.partial(html.escape, quote=True)
    values = dict(who=count.who(w), due=step.due_words or "", start=step.from_words or "",
                  days=str(count.days), kind=day_kind_words(count.kind, w))
    rules = [first_up(fill(w.count_rule, **values))]
    if count.kind != "calendar":  # school days: only the school's own calendar can give the date
        return rules + ([fill(w.school_days_note, state=count.state)] if count.state else []), ""
    # No ids here: every id in a page is an address kept for good (tests/reference/published-links.txt).
    # dates.js links the calendar link to its sentence (aria-describedby) with ids of its own.
    element = (
        f'<div class="kb-dates-count" data-days="{count.days}" data-day-kind="{count.kind}" '
        f'data-counts-from="{step.counts_from}" data-step="{step.id}" '
        f'data-result="{attr(first_up(fill(w.count_result, **values)))}" '
        f'data-event="{attr(w.deadline + ": " + step.title)}">'
        f'<p class="kb-dates-result" aria-live="polite"></p>'
        f'<p class="kb-dates-save" hidden><a class="kb-dates-ics" download="{step.id}.ics">'
        f'{attr(w.add_to_calendar)}</a></p></div>'
    )
    return rules, element


def render_date_calculator(start: str, knowledge: Knowledge, state: str | None = None) -> str:
    """Each deadline that counts from step `start`: the rule in words (read with or without
    JavaScript), and a form, hidden until dates.js shows it, that turns the day the reader types
    into the deadline's date, with a calendar file. One HTML block, so Markdown leaves it be."""
    w, attr = words(knowledge), functools.partial(html.escape, quote=True)
    steps = steps_counting_from(start, knowledge.timeline)
    rules, elements = [], []
    for step in steps:
        for count in counts_for(step, state, knowledge):
            said, element = render_count(step, count, w)
            rules += said
            elements += [element] if element else []
    block = [f'<div class="kb-dates" data-kb-dates="{start}">']
    block += [f'<p class="kb-dates-rule">{attr(rule)}</p>' for rule in rules]
    if elements:  # no form where no rule counts calendar days: nothing to work out
        label = attr(first_up(steps[0].from_words or ""))
        block += ['<form class="kb-dates-form" hidden>',
                  f'<label>{label} <input type="date" data-bad-date="{attr(w.bad_date)}"></label>', *elements,
                  # A worked-out date is the federal one: the reader's state may count otherwise.
                  f'<p class="kb-dates-note">{attr(w.dates_note)}</p>', "</form>"]
    return "\n".join(block + ["</div>"]) + "\n"


def render_steps_at_a_glance(steps: Iterable[TimelineStep], knowledge: Knowledge, state: str | None = None) -> str:
    """The steps as one numbered list, drawn by site.css as a line of numbered circles: each
    step's title links to its section of the timeline, with its deadline as a label below it.
    Real text only: on paper and to a screen reader it is an ordered list."""
    steps, w = list(steps), words(knowledge)
    number_of = {step.id: str(n) for n, step in enumerate(steps, start=1)}
    items = []
    for step in steps:
        labels = [f"{w.deadline if not count.state else count.who(w)}: "
                  + fill(w.step_count, days=str(count.days), kind=day_kind_words(count.kind, w),
                         step=number_of[step.counts_from])
                  for count in counts_for(step, state, knowledge) if step.counts_from in number_of]
        if not labels and step.deadline:
            labels = [f"{w.deadline}: {step.deadline}"]
        badges = "".join(f' <span class="kb-step-deadline">{plain(label)}</span>' for label in labels)
        items.append(f'<li markdown="span">[{plain(step.title)}](#{step.id}){badges}</li>')
    return '<ol class="kb-steps" role="list" markdown>\n' + "\n".join(items) + "\n</ol>\n"


def render_iep_areas(areas: Iterable[IepArea], knowledge: Knowledge, page: str) -> str:
    parts, w = [], words(knowledge)
    for area in areas:
        part = (f"## {plain(area.title)} {{#{area.id}}}\n\n{plain(area.what)}\n\n"
                f"{w.for_example}:\n\n{bullet_list(area.examples)}\n"
                f"**{w.sample_goal}:** {plain(area.sample_goal)}\n")
        if area.related:
            links = ", ".join(condition_link(knowledge.conditions[i], page) for i in area.related)
            part += f"\n{w.see_also}: {links}.\n"
        parts.append(part)
    return "\n".join(parts)


def condition_link(condition: Condition, page: str) -> str:
    return f"[{plain(condition.title)}]({page_link(page, condition_page_path(condition.id))})"


def render_glossary(terms: Iterable[GlossaryTerm], page: str, knowledge: Knowledge) -> str:
    parts = []
    for term in terms:
        part = f"## {plain(term.term)} {{#{term.id}}}\n\n"
        if term.stands_for:
            part += f"**{plain(term.stands_for)}.** "
        part += plain(term.meaning) + "\n"
        if term.page:
            target, _, anchor = term.page.partition("#")
            part += f"\n[{words(knowledge).more_about} {plain(term.term)}]({page_link(page, target)}{'#' + anchor if anchor else ''})\n"
        parts.append(part)
    return "\n".join(parts)


def abbreviations(terms: Iterable[GlossaryTerm]) -> dict[str, str]:
    """Acronym → what it stands for, for the tooltips Markdown's `abbr` adds wherever it appears."""
    return {t.term: t.stands_for for t in terms if t.stands_for}


# --- Printable pages (docs/print/) -----------------------------------------------------------

# A handout shows at most this many items of each list, the first ones: editors put the most
# useful first, and the full page has them all. Five of each fit one Letter or A4 page.
HANDOUT_LIMIT = 5
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def handout_page_path(condition_id: str) -> str:
    return f"print/handouts/{condition_id}.md"


def published_address(site_url: str, md_path: str, directory_urls: bool = True) -> str:
    """The web address a reader types for a page in docs/: 'conditions/autism.md' →
    'https://…/conditions/autism/'. Printed on paper, where a relative link means nothing."""
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        path = stem.removesuffix("index")
    else:
        path = stem + "/" if directory_urls else stem + ".html"
    return site_url.rstrip("/") + "/" + path


def render_print_hint(knowledge: Knowledge) -> str:
    # An admonition with no title: a box on screen, with no CSS of its own.
    return f'!!! tip kb-print-hint ""\n    {words(knowledge).print_hint}\n'


def keep_line_breaks(markdown: str) -> str:
    """Each line an editor writes stays a line on the page: Markdown would join the lines of a
    paragraph, and its own mark for a line break (two trailing spaces) is invisible."""
    lines = markdown.strip("\n").splitlines()
    kept = []
    for line, following in zip(lines, lines[1:] + [""]):
        line = line.rstrip()
        if line and following.strip() and not LIST_ITEM.match(following):
            line += "  "
        kept.append(line)
    return "\n".join(kept) + "\n"


def as_quote(markdown: str) -> str:
    # Not stripped: a line's two trailing spaces are its line break.
    return "\n".join(f"> {line}" if line.strip() else ">" for line in markdown.rstrip("\n").splitlines()) + "\n"


def render_letter(markdown: str) -> str:
    """A letter from data/text/, in a quote box on the page it belongs to and on paper alike."""
    return as_quote(keep_line_breaks(markdown))


def render_checklist(markdown: str) -> str:
    # The wrapper lets print.css drop the bullets on paper: the boxes are the marks to tick.
    return f'<div class="kb-checklist" markdown>\n\n{keep_line_breaks(markdown)}\n</div>\n'


def render_strategy_rating(strategy: Strategy, knowledge: Knowledge, condition_id: str | None = None) -> str:
    level = knowledge.evidence[strategy.rating_for(condition_id).evidence]
    return f"- **{plain(strategy.name)}**: {render_badge(level)}"


def render_condition_handout(condition: Condition, knowledge: Knowledge, page: str, address: str,
                             limit: int = HANDOUT_LIMIT) -> str:
    """One printed page about a condition: what OT does, the ratings and the questions, with
    the full page's address. Only the first `limit` items of each list: the rest is online."""
    strategies = [knowledge.strategies[i] for i in condition.strategies[:limit]]
    w = words(knowledge)
    parts = [
        f"# {plain(condition.title)}\n\n{plain(condition.summary)}\n",
        render_print_hint(knowledge),
        f"## {w.how_ot_helps} {{#how-ot-helps}}\n\n{bullet_list(condition.how_ot_helps[:limit])}",
        f"## {w.strategies} {{#strategies}}\n\n"
        + "\n".join(render_strategy_rating(s, knowledge, condition.id) for s in strategies) + "\n",
    ]
    if condition.questions:
        parts.append(f"## {w.questions} {{#questions}}\n\n{bullet_list(condition.questions[:limit])}")
    full_page = page_link(page, condition_page_path(condition.id))
    parts.append(f"{words(knowledge).more_on_full_page}: [{plain(address)}]({full_page})\n")
    return "\n".join(parts)


def render_handout_list(conditions: Iterable[Condition], page: str) -> str:
    return "\n".join(f"- [{plain(c.title)}]({page_link(page, handout_page_path(c.id))})" for c in conditions) + "\n"


# --- The organisation: brand.yml --------------------------------------------------------------


def tel(phone: str) -> str:
    """A phone number as a tel: link wants it: digits and a leading +, nothing else."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def phone_link(phone: str) -> str:
    return f"[{plain(phone)}]({tel(phone)})"


def render_contact(brand: Brand, w: Words) -> str:
    """Who publishes the site and how to reach them; a pointer to the About page's mistake
    report when brand.yml gives no email or phone."""
    lines = [f"{w.published_by} {plain(brand.organisation)}."]
    contact = brand.contact
    if contact and contact.email:
        lines.append(f"{w.email}: [{plain(contact.email)}](mailto:{contact.email})")
    if contact and contact.phone:
        lines.append(f"{w.phone}: {phone_link(contact.phone)}")
    if contact and contact.hours:
        lines.append(f"{w.hours}: {plain(contact.hours)}")
    return "  \n".join(lines) + "\n"


def render_local_help(places: Iterable[LocalHelp], w: Words) -> str:
    items = []
    for place in places:
        name = f"[{plain(place.name)}](<{place.link}>)" if place.link else f"**{plain(place.name)}**"
        details = [plain(place.about)] if place.about else []
        if place.phone:
            details.append(f"{w.phone}: {phone_link(place.phone)}")
        items.append(f"- {name}" + (": " + " ".join(details) if details else ""))
    return f"{w.help_near_you}:\n\n" + "\n".join(items) + "\n" if items else ""
