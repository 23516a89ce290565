"""What a valid record in data/ looks like: one class per kind of record.

These classes are the single statement of the rules. The loader checks every YAML file against
them, and `python3 dev.py schemas` exports them as the JSON Schemas that editors' tools use
(data/schemas/), so VS Code and the build agree on what is allowed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kb.icons import ICON_NAME, check_icon

# Ids are used in web addresses and in references between files, so they stay simple.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Anything that a browser could read as a tag: text from data is shown as text, never as markup.
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")


def reject_markup(text: str) -> str:
    tag = TAG.search(text)
    if tag:
        raise ValueError(
            f"contains HTML ({tag.group(0)[:30]!r}); write plain text without < and >"
        )
    return text


def real_date(value: object) -> object:
    """Accept only YYYY-MM-DD written as such, so that 2026-02-30 or 20261124 is refused."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not a date written as YYYY-MM-DD")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a real date ({error})") from None
    if not isinstance(value, dt.date):
        raise ValueError(f"expected a date written as YYYY-MM-DD, got {value!r}")
    return value


def not_in_future(value: dt.date) -> dt.date:
    # One day of slack: an editor ahead of the build machine's time zone is not wrong.
    if value > dt.date.today() + dt.timedelta(days=1):
        raise ValueError(f"{value.isoformat()} is in the future; use the day the page was reviewed")
    return value


Text = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1),
    AfterValidator(reject_markup),
]
Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN)]
Url = Annotated[str, StringConstraints(strict=True, pattern=r"^https://\S+$")]
ReviewDate = Annotated[
    dt.date,
    BeforeValidator(real_date),
    AfterValidator(not_in_future),
    Field(json_schema_extra={"type": "string", "format": "date"}),
]
# The day a rule's wording was last held against the official text of the regulation.
CheckedDate = Annotated[
    dt.date,
    BeforeValidator(real_date),
    AfterValidator(not_in_future),
    Field(json_schema_extra={"type": "string", "format": "date"},
          description="The day this rule was last checked against the official text (tests/reference/facts.md), YYYY-MM-DD"),
]
# The date a page must be checked again by: a real date that, unlike a review date, may be in the future.
DueDate = Annotated[
    dt.date,
    BeforeValidator(real_date),
    Field(json_schema_extra={"type": "string", "format": "date"}),
]
# Words and phrases people type into the search box for this: other names, plain words,
# common misspellings. They are added to the search index only; no reader sees them.
SearchWord = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=60),
    AfterValidator(reject_markup),
]
SearchWordList = Annotated[
    list[SearchWord],
    Field(
        default=[],
        description="What people type into the search box to find this: other names, plain "
        "words, common misspellings. Only search uses them; readers never see them.",
    ),
]
CfrSection = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^\d{3}\.\d{1,3}(\([a-z0-9]+\))*$"),
    Field(description="Section of 34 CFR, with paragraphs if any, e.g. 300.34(c)(6)"),
]


@dataclass(frozen=True)
class RefersTo:
    """Marks a field whose values (or, for a mapping, keys) are ids of records of another kind:
    the loader checks that each exists and names the file to add it to."""

    kind: str


def referring_fields(model: type[BaseModel]) -> list[tuple[str, str]]:
    """(field name, kind of record it refers to) for each field the class marks `RefersTo`."""
    return [(name, marker.kind) for name, info in model.model_fields.items()
            for marker in info.metadata if isinstance(marker, RefersTo)]


def cfr_url(section: str) -> str:
    """The official eCFR text of a section, at the paragraph if one is named: 300.34(c)(6)."""
    number = section.split("(", 1)[0]
    anchor = f"#p-{section}" if "(" in section else ""
    return f"https://www.ecfr.gov/current/title-34/section-{number}{anchor}"


class Record(BaseModel):
    # forbid: a typo such as `titel` is an error, not a silently ignored field.
    model_config = ConfigDict(extra="forbid", frozen=True)


Doi = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^10\.\d{4,9}/\S+$"),
    Field(description="The study's DOI, e.g. 10.1542/peds.2013-4285: the link goes to the study itself"),
]
# A search results page is not a source: a reader must land on the study it names.
SEARCH_PAGE = re.compile(r"[?&](term|q|query|search)=|/search\b", re.I)


def not_a_search(url: str) -> str:
    if SEARCH_PAGE.search(url):
        raise ValueError("links to a search, not to the source itself; give the study's `doi`, or the page's own address")
    return url


SourceUrl = Annotated[Url, AfterValidator(not_a_search)]


class Source(Record):
    """A source the site cites: a regulation, a study, a professional body's page."""

    id: Id
    title: Text
    publisher: Text = Field(description="Who wrote or published it")
    year: int | None = Field(default=None, ge=1900, le=2100, strict=True)
    research: bool = Field(
        default=False,
        description="true for a study or a review of studies. Only research can back a rating "
        "that says what studies found (see `needs_research` in data/evidence.yml).",
    )
    cfr: CfrSection | None = None
    doi: Doi | None = None
    url: SourceUrl | None = Field(
        default=None, description="Leave out for a 34 CFR section (the link is made from `cfr`) or a study with a `doi`"
    )

    @model_validator(mode="after")
    def one_way_to_link(self) -> Source:
        if sum(value is not None for value in (self.cfr, self.doi, self.url)) != 1:
            raise ValueError("give exactly one of `cfr` (a section of 34 CFR), `doi` (a study) or `url`")
        return self

    @property
    def link(self) -> str:
        if self.cfr:
            return cfr_url(self.cfr)
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)


class EvidenceLevel(Record):
    """One step of the scale on which strategies are rated."""

    id: Id
    label: Text
    meaning: Text
    needs_research: bool = Field(
        default=False,
        description="true where the label says what studies found: a strategy rated on this level "
        "must cite at least one source marked `research: true`.",
    )
    # Every badge shows its level's words and this icon, so a rating never depends on colour.
    icon: Annotated[
        str,
        StringConstraints(strict=True, pattern=ICON_NAME.pattern),
        AfterValidator(check_icon),
    ] = Field(description="The icon beside the words on every badge of this level, from the theme's "
              "icons (https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/), "
              "e.g. material/check-all. The same in every language.")


class ComparisonRow(Record):
    """One row of the table that sets occupational therapy beside physical therapy."""

    id: Id = Field(description="A name for the row, so its translation can follow it, e.g. who-gives-it")
    aspect: Text
    ot: Text
    pt: Text
    sources: Annotated[list[Id], RefersTo("source")] = Field(min_length=1)


class Rating(Record):
    """How well research supports a strategy, for one group of children."""

    evidence: Annotated[Id, RefersTo("evidence level")] = Field(description="The id of a level in data/evidence.yml")
    evidence_note: Text = Field(description="What the research says, kindly and honestly")
    sources: Annotated[list[Id], RefersTo("source")] = Field(
        default=[], description="Ids in data/sources.yml that back the rating; none while it is not reviewed"
    )


class Strategy(Rating):
    """Something school staff or a family can try, with an honest rating of the evidence.

    Each is written once, in data/strategies.yml; every condition it fits lists its id. Its own
    rating is for the children most studied; where studies of the children a condition page is
    about found something else, `for_condition` gives that page its own rating.
    """

    id: Id
    name: Text
    what: Text = Field(description="What it is and how it is used at school, in plain words")
    for_condition: Annotated[dict[Id, Rating], RefersTo("condition")] = Field(
        default={},
        description="Ratings for the children of one condition page, where the research on them differs: "
        "the condition's id, then evidence, evidence_note and sources.",
    )

    def rating_for(self, condition_id: str | None) -> Rating:
        return self.for_condition.get(condition_id, self) if condition_id else self


class Condition(Record):
    """A need or condition that has its own page at docs/conditions/<id>.md."""

    id: Id
    title: Text
    summary: Text = Field(description="One sentence; it is also the page's description in search results")
    last_reviewed: ReviewDate
    next_review: DueDate | None = Field(
        default=None,
        description="Only for a page that needs checking sooner than data/review.yml says: the date "
        "of its next review, YYYY-MM-DD. Leave out to use the rule.",
    )
    at_a_glance: list[Text] = Field(
        min_length=1, max_length=3,
        description="What a parent should know first, in one to three short sentences; the page opens with them",
    )
    at_school: list[Text] = Field(min_length=1, description="What it can look like at school")
    how_ot_helps: list[Text] = Field(min_length=1)
    strategies: Annotated[list[Id], RefersTo("strategy")] = Field(min_length=1, description="Ids of strategies in data/strategies.yml, in the order shown")
    goals: list[Text] = Field(min_length=1, description="Example IEP goals, written as a team might write them")
    accommodations: list[Text] = Field(min_length=1, description="Example accommodations: changes to how, not what, a child learns")
    questions: list[Text] = Field(default=[], description="Questions a parent can ask the team")
    related: Annotated[list[Id], RefersTo("condition")] = Field(default=[], description="Ids of other conditions")
    sources: Annotated[list[Id], RefersTo("source")] = Field(default=[], description="Sources for the page as a whole")
    search_words: SearchWordList


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 → 28 Feb)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ReviewRule(Record):
    """How often every page is checked again: data/review.yml, one rule for the whole site."""

    review_every_months: int = Field(
        strict=True, ge=1, le=24,
        description="A page is due for review this many months after its last review (at most 24: "
        "laws and research change).",
    )

    def latest_due(self, last_reviewed: dt.date) -> dt.date:
        return add_months(last_reviewed, self.review_every_months)

    def due(self, last_reviewed: dt.date, next_review: dt.date | None = None) -> dt.date:
        """When a page is next due: its own `next_review` if it has one, else the rule's date."""
        return next_review or self.latest_due(last_reviewed)

    def next_review_problem(self, last_reviewed: dt.date, next_review: dt.date) -> str | None:
        """What is wrong with a page's own `next_review`, if anything. It may only bring a review
        sooner: a later date would let a page about the law go unchecked."""
        if next_review <= last_reviewed:
            return (f"{next_review.isoformat()} is not after last_reviewed ({last_reviewed.isoformat()}); "
                    "give a later date, or leave next_review out")
        latest = self.latest_due(last_reviewed)
        if next_review > latest:
            return (f"{next_review.isoformat()} is later than data/review.yml allows ({latest.isoformat()}, "
                    f"{self.review_every_months} months after last_reviewed); next_review can only bring a review sooner")
        return None


class Right(Record):
    """A right a family has under IDEA (or Section 504), with the regulation that sets it."""

    id: Id
    title: Text
    summary: Text = Field(description="The right in one plain sentence")
    details: list[Text] = Field(default=[], description="What it means in practice, one point per item")
    settled: bool = Field(
        default=True,
        description="false while the wording is not yet checked against the official text: the page then says so",
    )
    checked: CheckedDate
    sources: Annotated[list[Id], RefersTo("source")] = Field(min_length=1, description="At least one 34 CFR section")


def said_in_words(days: int | None, words: str | None, what: str) -> int | None:
    """A day count given as data must be the number its sentence says: they cannot drift apart."""
    if days is not None and words and not re.search(rf"\b{days}\b", words):
        raise ValueError(f"days is {days}, but {what} do not say {days} ({words!r}); make them agree")
    return days


# How a rule counts its days. Calendar days can be turned into a date; school days cannot
# without the school's own calendar (34 CFR 300.11: a federal "day" is a calendar day).
DayKind = Literal["calendar", "school"]
DaysCount = Annotated[int, Field(strict=True, ge=1, le=366)]
# The fields that make a step's deadline a date a reader can work out: all of them, or none.
COUNT_FIELDS = ("days", "counts_from", "from_words", "due_words")


class TimelineStep(Record):
    """One step on the way from a first worry to an IEP, with its federal deadline if it has one.

    A deadline the site can turn into a date (the date calculator, the steps at a glance) also
    gives the count as data: how many days, of which kind, from which earlier step."""

    id: Id
    title: Text
    what: list[Text] = Field(min_length=1)
    deadline: Text | None = Field(default=None, description="The federal deadline, e.g. 'Within 60 days of your consent'")
    days: DaysCount | None = Field(
        default=None, description="The deadline as a number of days, e.g. 60; the same number the deadline's words give")
    day_kind: DayKind = Field(
        default="calendar", description="calendar (weekends and holidays count: the federal rule) or school days")
    counts_from: Annotated[Id | None, RefersTo("step")] = Field(
        default=None, description="The id of the earlier step whose date starts the count, e.g. consent")
    from_words: Text | None = Field(
        default=None, description="The day the count starts, as a parent would name it: 'the day the school got "
        "your signed consent'. The date calculator asks for this day.")
    due_words: Text | None = Field(
        default=None, description="What must happen by the end of the count: 'the evaluation must be done'")
    checked: CheckedDate | None = Field(default=None, description="Needed once the step cites a 34 CFR section")
    sources: Annotated[list[Id], RefersTo("source")] = Field(default=[])

    @model_validator(mode="after")
    def count_is_whole(self) -> TimelineStep:
        given = [name for name in COUNT_FIELDS if getattr(self, name) is not None]
        if given and len(given) < len(COUNT_FIELDS):
            missing = ", ".join(name for name in COUNT_FIELDS if name not in given)
            needed = ", ".join(COUNT_FIELDS[:-1]) + f" and {COUNT_FIELDS[-1]}"
            raise ValueError(f"a deadline to count needs {needed} together; add {missing}, "
                             f"or remove {', '.join(given)}")
        return self

    @field_validator("days")
    @classmethod
    def days_agree_with_the_words(cls, days: int | None, info: ValidationInfo) -> int | None:
        return said_in_words(days, info.data.get("deadline"), "the deadline's words")


class PageFrontMatter(BaseModel):
    """What a page written by hand says about itself, between its --- lines. The build and
    `dev.py review` both check it by this model (kb/front_matter.py turns its errors into one
    line each); the keys of the theme and plugins (render_macros, search, hide) pass through.
    `description` and `last_reviewed` are needed: the checker says so in its own words."""

    model_config = ConfigDict(extra="allow", frozen=True)

    description: Text | None = None
    last_reviewed: ReviewDate | None = None
    next_review: DueDate | None = None
    search_words: SearchWordList


class StateRule(Record):
    """A state's own rule, shown beside the federal rule of one step, on a site whose
    brand.yml names that state. Never without the source that states it."""

    state: Text = Field(description="The state, as brand.yml names it, e.g. Oregon")
    step: Annotated[Id, RefersTo("step")] = Field(description="The id of the step in data/timeline.yml it belongs to, e.g. evaluation")
    rule: Text = Field(description="The state's rule in plain words, e.g. 'The school has 60 school days.'")
    days: DaysCount | None = Field(
        default=None, description="The rule's deadline as a number of days, e.g. 60, counted from the same day as "
        "the step's federal deadline. With day_kind, the date calculator shows the state's date too.")
    day_kind: DayKind | None = Field(
        default=None, description="calendar (a date can be worked out) or school (the page says to ask the school)")
    sources: Annotated[list[Id], RefersTo("source")] = Field(min_length=1, description="Ids in data/sources.yml of the state law or rule that says so")

    @model_validator(mode="after")
    def count_is_whole(self) -> StateRule:
        if (self.days is None) != (self.day_kind is None):
            raise ValueError("give days and day_kind together (e.g. days: 60 and day_kind: school), or neither")
        return self

    @field_validator("days")
    @classmethod
    def days_agree_with_the_words(cls, days: int | None, info: ValidationInfo) -> int | None:
        return said_in_words(days, info.data.get("rule"), "the rule's words")


class IepArea(Record):
    """An area OT can work on in the IEP, with examples and a sample goal."""

    id: Id
    title: Text
    what: Text
    examples: list[Text] = Field(min_length=1)
    sample_goal: Text = Field(description="Goal wording a team might use; measurable: who, does what, how well, by when")
    related: Annotated[list[Id], RefersTo("condition")] = Field(default=[], description="Ids of conditions")


class GlossaryTerm(Record):
    """A word or acronym the site uses, explained in plain words."""

    id: Id
    term: Text = Field(description="As it appears in text, e.g. IEP")
    stands_for: Text | None = Field(default=None, description="What the letters stand for, for an acronym")
    meaning: Text
    page: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9/-]+\.md(#[a-z0-9-]+)?$",
        description="Where the site explains it more, as a file in docs/, e.g. rights.md#fape",
    )
    search_words: SearchWordList


# --- The organisation that publishes the site: brand.yml -------------------------------------

Colour = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^#[0-9a-fA-F]{6}$"),
    Field(description="A colour as #rrggbb, e.g. #303fa1"),
]
Email = Annotated[str, StringConstraints(strict=True, pattern=r"^[^@\s<>]+@[^@\s<>]+\.[a-zA-Z]{2,}$")]
Phone = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^\+?[0-9(][0-9 ().\-]{5,30}$"),
    Field(description="Digits, spaces, dashes, dots and brackets, e.g. (555) 014-2200"),
]
SiteAddress = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^https://[^\s/]+(/[^\s]*)?/$"),
    Field(description="The site's web address, starting https:// and ending with /"),
]


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio between a #rrggbb colour and white."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


class Colours(Record):
    """The header's colour and the colour of links and highlights. White text sits on the
    first and links use both, so both must be dark enough: 4.5:1 against white (WCAG AA)."""

    primary: Colour = "#303fa1"
    accent: Colour = "#1a237e"

    @model_validator(mode="after")
    def readable_on_white(self) -> Colours:
        for name in ("primary", "accent"):
            value = getattr(self, name)
            ratio = contrast_with_white(value)
            if ratio < 4.5:
                raise ValueError(
                    f"{name} {value} is too light to read against white ({ratio:.1f}:1); "
                    "choose a darker colour (4.5:1 or more)"
                )
        return self


class Contact(Record):
    email: Email | None = None
    phone: Phone | None = None
    hours: Text | None = Field(default=None, description="When someone answers, e.g. Mon-Fri 9-5")


class LocalHelp(Record):
    """A place near the reader that helps families, e.g. the state's parent center."""

    name: Text
    about: Text | None = Field(default=None, description="One plain sentence on what they do")
    # Beside the English it translates, so it moves with its place (brand.yml says why).
    about_es: Text | None = Field(
        default=None, description="The same sentence in Spanish, for the Spanish edition (/es/); without it, /es/ shows `about`")
    link: Url | None = None
    phone: Phone | None = None


SiteName = Annotated[Text, Field(max_length=60, description="The site's name, in the header and tab titles")]
ShortName = Annotated[Text, Field(max_length=24, description="A short name for tight spaces: tab titles, link previews")]
SiteDescription = Annotated[Text, Field(max_length=200, description="One sentence: what the site is (search engines and link previews)")]


class SpanishBrand(Record):
    """brand.yml's words in Spanish, for the Spanish edition (/es/). Each is optional: what is
    left out shows there in English. The organisation's name is a proper name and stays."""

    name: SiteName | None = None
    short_name: ShortName | None = None
    description: SiteDescription | None = None
    hours: Text | None = Field(default=None, description="When someone answers, in Spanish, e.g. De lunes a viernes, de 9 a 5")


class Brand(Record):
    """Who publishes this copy of the site. The only file a nonprofit edits to make it theirs."""

    name: SiteName
    short_name: ShortName
    organisation: Annotated[Text, Field(description="Who publishes the site, shown in every page's footer")]
    description: SiteDescription
    contact: Contact | None = None
    address: SiteAddress | None = Field(
        default=None,
        description="The site's own web address, if it has one (a custom domain). Leave out for GitHub Pages' address.",
    )
    state: Text | None = Field(
        default=None, description="The US state the site serves, e.g. Oregon. Leave out for federal rules only."
    )
    logo: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_./-]+\.(svg|png)$",
        description="A picture in docs/, e.g. assets/logo.svg. Leave out for the default icon.",
    )
    colours: Colours = Colours()
    local_help: list[LocalHelp] = Field(default=[], description="Places near readers that help families")
    spanish: SpanishBrand | None = Field(
        default=None, description="The name, short name, description and hours in Spanish, for the Spanish edition (/es/)")

    def in_language(self, language: str) -> Brand:
        """brand.yml as one edition shows it: the Spanish edition takes the Spanish words where
        brand.yml has them, and the English where it has not."""
        if language != "es":
            return self
        spanish = self.spanish or SpanishBrand()
        update = {name: value for name in ("name", "short_name", "description") if (value := getattr(spanish, name))}
        if spanish.hours:
            update["contact"] = (self.contact or Contact()).model_copy(update={"hours": spanish.hours})
        update["local_help"] = [place.model_copy(update={"about": place.about_es}) if place.about_es else place
                                for place in self.local_help]
        return self.model_copy(update=update)


# --- All of data/, checked -----------------------------------------------------------------


@dataclass(frozen=True)
class Knowledge:
    """Everything in data/, checked (kb/load.py makes it). Pages are made from this and nothing else."""

    sources: dict[str, Source]
    evidence: dict[str, EvidenceLevel]
    comparison: tuple[ComparisonRow, ...]
    review: ReviewRule  # data/review.yml: how often every page is checked again
    strategies: dict[str, Strategy] = field(default_factory=dict)
    conditions: dict[str, Condition] = field(default_factory=dict)
    rights: dict[str, Right] = field(default_factory=dict)
    timeline: tuple[TimelineStep, ...] = ()
    state_rules: tuple[StateRule, ...] = ()
    iep_areas: dict[str, IepArea] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    # The edition these words are in, and which of its records' words lag behind the English
    # (kb/translate.py): a page made from one of them says so.
    language: str = "en"
    stale: frozenset[tuple[str, str]] = frozenset()

    @property
    def record_count(self) -> int:
        groups = (self.sources, self.evidence, self.comparison, self.strategies, self.conditions,
                  self.rights, self.timeline, self.state_rules, self.iep_areas, self.glossary)
        return sum(map(len, groups))
