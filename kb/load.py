"""Read data/ once: YAML files → checked records → one `Knowledge`, or a list of problems.

Every problem is one line that names the file, the line, the record, the field and what was
expected, so that a volunteer who edits YAML can fix it without reading Python.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from kb.facts import FACTS_FILE, Fact, read_facts, rows_naming, section_of, unchecked_only
from kb.records import (
    Knowledge,
    referring_fields,
    Brand,
    ComparisonRow,
    Condition,
    EvidenceLevel,
    GlossaryTerm,
    IepArea,
    Rating,
    Record,
    ReviewRule,
    Right,
    Source,
    StateRule,
    Strategy,
    TimelineStep,
)


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = ", ".join(part for part in (self.record, self.field and f"field '{self.field}'") if part)
        return f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}"


class DataError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class Kind:
    """One kind of record and where it lives: a list in one file, or one record per file."""

    pattern: str
    model: type[Record]
    noun: str
    one_per_file: bool = False


KINDS = (
    Kind("sources.yml", Source, "source"),
    Kind("evidence.yml", EvidenceLevel, "evidence level"),
    Kind("strategies.yml", Strategy, "strategy"),
    Kind("ot-vs-pt.yml", ComparisonRow, "row"),
    Kind("conditions/*.yml", Condition, "condition", one_per_file=True),
    Kind("rights.yml", Right, "right"),
    Kind("timeline.yml", TimelineStep, "step"),
    Kind("state-rules.yml", StateRule, "state rule"),
    Kind("iep-areas.yml", IepArea, "IEP area"),
    Kind("glossary.yml", GlossaryTerm, "term"),
    Kind("review.yml", ReviewRule, "review rule", one_per_file=True),
)

# The organisation's own file, at the top of the project: one record.
BRAND = Kind("brand.yml", Brand, "brand", one_per_file=True)

# Where an editor adds a record of each kind, for "add it to ..." hints.
HOME = {"source": "sources.yml", "evidence level": "evidence.yml", "condition": "conditions/",
        "strategy": "strategies.yml", "step": "timeline.yml"}


@dataclass(frozen=True)
class Located:
    """A checked record with where it came from, so later checks can point at its lines."""

    record: Any
    file: str
    label: str
    node: yaml.Node


# --- YAML -----------------------------------------------------------------------------------


# libyaml's parser when PyYAML has it (its wheels do): several times faster on many files.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """Safe YAML that leaves dates as text, so the record rules judge them with one clear message."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, file: str) -> tuple[yaml.Node | None, Any]:
    """Return the node tree (for line numbers) and the plain data; raise DataError on bad YAML."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        problems = list(duplicate_keys(node, file))
        if problems:
            raise DataError(problems)
        return node, loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "not valid YAML"
        line = mark.line + 1 if mark else None
        raise DataError([Problem(file, f"not valid YAML: {what}", line=line)]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(file, f"not valid YAML: {error}")]) from None
    finally:
        loader.dispose()


def duplicate_keys(node: yaml.Node, file: str) -> Iterator[Problem]:
    """YAML keeps the last of two equal keys silently; an editor almost never means that."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                yield Problem(
                    file,
                    f"the field '{name}' is written twice (first on line {seen[name]}); keep one",
                    line=key.start_mark.line + 1,
                )
            seen.setdefault(name, key.start_mark.line + 1)
            yield from duplicate_keys(value, file)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from duplicate_keys(item, file)


def node_at(node: yaml.Node, path: Iterable[str | int]) -> yaml.Node:
    """The deepest node along `path` (field names and list positions) that exists."""
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            match = next((value for key, value in node.value if key.value == step), None)
            key = next((key for key, _ in node.value if key.value == step), None)
            if match is None:
                return node
            # For a scalar, the key's line is where the editor will look.
            node = key if isinstance(match, yaml.ScalarNode) else match
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def line_of(node: yaml.Node, path: Iterable[str | int]) -> int:
    return node_at(node, path).start_mark.line + 1


# --- Records --------------------------------------------------------------------------------


def field_path(loc: Iterable[str | int]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no ({value}); put the text in quotes"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "nothing"
    return repr(value)


def all_field_names(model: type[BaseModel]) -> set[str]:
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for inner in getattr(info.annotation, "__args__", ()) or ():
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                names |= all_field_names(inner)
    return names


PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "expected an id of lower-case letters, digits and hyphens, like 'eating-and-swallowing'",
    "^https://\\S+$": "expected a web address that starts with https://",
}


def explain(error: dict[str, Any], model: type[BaseModel]) -> str:
    """Turn one pydantic error into words for an editor."""
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return "this required field is missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        close = difflib.get_close_matches(name, sorted(all_field_names(model)), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"'{name}' is not a known field{hint}"
    if kind == "string_type" and isinstance(value, dict):
        # YAML reads "Note: more words" as a field named Note: the usual cause.
        return "expected text, got a group of fields; if the text contains ': ', put all of it in quotes"
    if kind == "string_type":
        return f"expected text, got {describe(value)}"
    if kind == "list_type":
        return f"expected a list (each item on its own line starting with '- '), got {describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a group of fields (name: value), got {describe(value)}"
    if kind in ("int_type", "int_parsing"):
        return f"expected a whole number, got {describe(value)}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return PATTERN_HINTS.get(pattern, f"{value!r} does not have the expected form") + f"; got {value!r}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "needs at least one item"
    if kind == "too_long":  # a list, or text whose length is checked after its own rules (brand.yml's names)
        unit = "characters" if isinstance(value, str) else "items"
        return f"has {error['ctx']['actual_length']} {unit}; keep it to {error['ctx']['max_length']} at most"
    if kind == "greater_than_equal":
        return f"must be {error['ctx']['ge']} or more, got {describe(value)}"
    if kind == "less_than_equal":
        return f"must be {error['ctx']['le']} or less, got {describe(value)}"
    if kind == "literal_error":
        return f"must be {error['ctx']['expected']}, got {describe(value)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def record_label(kind: Kind, data: Any, position: int | None) -> str:
    ident = data.get("id") if isinstance(data, dict) else None
    if ident is not None:
        return f"{kind.noun} '{ident}'"
    return f"{kind.noun} {position + 1}" if position is not None else kind.noun


def check_record(kind: Kind, data: Any, node: yaml.Node, file: str, position: int | None) -> Located | list[Problem]:
    label = record_label(kind, data, position)
    try:
        return Located(kind.model.model_validate(data), file, label, node)
    except ValidationError as error:
        return [
            Problem(
                file,
                explain(item, kind.model),
                line=line_of(node, item["loc"]),
                record=label,
                field=field_path(item["loc"]) or None,
            )
            for item in error.errors()
        ]


def read_text(path: Path, file: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError([Problem(file, f"cannot be read: {error.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            [Problem(file, f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8", line=line)]
        ) from None


def load_file(path: Path, file: str, kind: Kind) -> tuple[list[Located], list[Problem], set[str]]:
    """Check one YAML file: its good records, its problems, and every id it names.

    The ids of records with problems still count for references from other files, so one
    mistake does not echo as a second, misleading "unknown id" elsewhere.
    """
    try:
        node, data = parse_yaml(read_text(path, file), file)
    except DataError as error:
        return [], error.problems, set()
    if node is None:
        what = f"one {kind.noun}" if kind.one_per_file else f"a list of {kind.noun}s"
        return [], [Problem(file, f"the file is empty; expected {what}")], set()
    if kind.one_per_file:
        items = [(data, node, None)]
    elif isinstance(data, list):
        items = [(item, child, i) for i, (item, child) in enumerate(zip(data, node.value))]
    else:
        return [], [Problem(file, f"expected a list of {kind.noun}s, each starting with '- '", line=1)], set()
    located, problems, ids = [], [], set()
    for item, child, position in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            ids.add(item["id"])
        result = check_record(kind, item, child, file, position)
        if isinstance(result, list):
            problems += result
        else:
            located.append(result)
    return located, problems, ids


# --- Across files ---------------------------------------------------------------------------


def duplicate_ids(items: list[Located], key: str = "id") -> Iterator[Problem]:
    first: dict[str, Located] = {}
    for item in items:
        value = getattr(item.record, key)
        if value in first:
            earlier = first[value]
            yield Problem(
                item.file,
                f"the {key} '{value}' is used twice (also {earlier.file}:{line_of(earlier.node, [key])}); each {key} must be unique",
                line=line_of(item.node, [key]),
                record=item.label,
                field=key,
            )
        first.setdefault(value, item)


def references(record: Record) -> Iterator[tuple[list[str | int], str, str]]:
    """Every (field path, kind of record, id) that `record` names: the fields its class marks
    `RefersTo`, in nested ratings too (a mapping's keys are the ids it names)."""
    for name, kind in referring_fields(type(record)):
        value = getattr(record, name, None)
        if isinstance(value, dict):
            for key, inner in value.items():
                yield [name, key], kind, key
                yield from (([name, key, *at], noun, ref) for at, noun, ref in references(inner))
        elif isinstance(value, list):
            yield from (([name, i], kind, ref) for i, ref in enumerate(value))
        elif value is not None:
            yield [name], kind, value


def unknown_references(item: Located, ids: dict[str, set[str]]) -> Iterator[Problem]:
    """Each id that `item` names but no record in data/ has."""
    for at, noun, ref in references(item.record):
        if ref not in ids[noun]:
            close = difflib.get_close_matches(ref, sorted(ids[noun]), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; add it to data/{HOME[noun]}"
            yield Problem(
                item.file,
                f"'{ref}' is not an id in data/{HOME[noun]}{hint}",
                line=line_of(item.node, at),
                record=item.label,
                field=field_path(at),
            )


def regulations(record: Record, sources: dict[str, Source]) -> list[str]:
    """The 34 CFR sections a record cites, e.g. ['300.502']."""
    return [section_of(sources[i].cfr) for i in record.sources if i in sources and sources[i].cfr]


def rights_without_regulation(rights: list[Located], sources: dict[str, Source]) -> Iterator[Problem]:
    """A right is only stated with the regulation that sets it."""
    for item in rights:
        if not regulations(item.record, sources):
            yield Problem(item.file, "cite at least one 34 CFR section (a source with `cfr`) for this right",
                          line=line_of(item.node, ["sources"]), record=item.label, field="sources")


def rules_beyond_the_facts(items: list[Located], sources: dict[str, Source], facts: tuple[Fact, ...]) -> Iterator[Problem]:
    """A rule is stated only from a regulation the project's checked facts name, is called
    settled only when some row about it was checked, and says when it was checked."""
    for item in items:
        record, where = item.record, dict(file=item.file, record=item.label)
        sections = regulations(record, sources)
        for section in dict.fromkeys(sections):
            if not rows_naming(section, facts):
                yield Problem(message=f"34 CFR {section} is in no row of {FACTS_FILE}; check the rule against the "
                              "official text and add it there first", line=line_of(item.node, ["sources"]),
                              field="sources", **where)
        named = ", ".join(sorted(set(sections)))
        unchecked = bool(sections) and all(unchecked_only(s, facts) for s in sections)
        if getattr(record, "settled", None) is True and unchecked:
            yield Problem(message=f"{FACTS_FILE} marks every row about {named} U (not checked); set settled: false",
                          line=line_of(item.node, ["id"]), field="settled", **where)
        if getattr(record, "settled", None) is False and not unchecked:
            yield Problem(message=f"{FACTS_FILE} has checked rows about {named}; state the rule plainly and remove "
                          "settled: false", line=line_of(item.node, ["settled"]), field="settled", **where)
        if sections and record.checked is None:
            yield Problem(message="give the day this rule was last checked against the official text, YYYY-MM-DD",
                          line=line_of(item.node, ["id"]), field="checked", **where)


def ratings(strategy: Strategy) -> Iterator[tuple[list[str], Rating]]:
    """A strategy's own rating and each condition's, with the field path to it."""
    yield [], strategy
    for condition_id, rating in strategy.for_condition.items():
        yield ["for_condition", condition_id], rating


def ratings_without_research(strategies: list[Located], levels: dict[str, EvidenceLevel],
                             sources: dict[str, Source]) -> Iterator[Problem]:
    """A rating that says what studies found must cite a study."""
    for item in strategies:
        for at, rating in ratings(item.record):
            level = levels.get(rating.evidence)
            if level and level.needs_research and not any(sources[i].research for i in rating.sources if i in sources):
                yield Problem(item.file, f"rated '{rating.evidence}', which says what studies found, but none of its "
                              "sources is research; cite a study or review (`research: true` in data/sources.yml), "
                              "or rate it not-reviewed", line=line_of(item.node, [*at, "sources"]), record=item.label,
                              field=field_path([*at, "evidence"]))


def ratings_for_conditions_that_do_not_list_it(strategies: list[Located], conditions: list[Located]) -> Iterator[Problem]:
    listed = {c.record.id: set(c.record.strategies) for c in conditions}
    for item in strategies:
        for condition_id in item.record.for_condition:
            if condition_id in listed and item.record.id not in listed[condition_id]:
                yield Problem(item.file, f"has a rating for '{condition_id}', but data/conditions/{condition_id}.yml "
                              f"does not list '{item.record.id}' in its strategies",
                              line=line_of(item.node, ["for_condition", condition_id]), record=item.label,
                              field=f"for_condition.{condition_id}")


def early_reviews_out_of_bounds(conditions: list[Located], rule: ReviewRule) -> Iterator[Problem]:
    """A condition's own `next_review` must fall after its last review and no later than the rule's date."""
    for item in conditions:
        condition = item.record
        wrong = condition.next_review and rule.next_review_problem(condition.last_reviewed, condition.next_review)
        if wrong:
            yield Problem(item.file, wrong, line=line_of(item.node, ["next_review"]), record=item.label,
                          field="next_review")


def counts_from_a_later_step(steps: list[Located]) -> Iterator[Problem]:
    """A deadline counts from a step that comes before it: the reader has that date first."""
    order = {item.record.id: n for n, item in enumerate(steps)}
    for n, item in enumerate(steps):
        start = item.record.counts_from
        if start in order and order[start] >= n:
            yield Problem(item.file, f"'{start}' is not a step before '{item.record.id}'; a deadline counts from "
                          "the date of an earlier step", line=line_of(item.node, ["counts_from"]),
                          record=item.label, field="counts_from")


def cross_check(loaded: dict[str, list[Located]], ids: dict[str, set[str]], facts: tuple[Fact, ...]) -> list[Problem]:
    """Unique ids, every reference pointing at a record that exists, and rules and ratings
    that rest on what they must."""
    problems = [problem for kind in KINDS if "id" in kind.model.model_fields
                for problem in duplicate_ids(loaded[kind.noun])]
    problems += duplicate_ids(loaded["term"], key="term")
    # Two levels with one icon would tell apart only by their words and colour.
    problems += duplicate_ids(loaded["evidence level"], key="icon")
    for kind in KINDS:
        for item in loaded[kind.noun]:
            problems += unknown_references(item, ids)
    sources = {x.record.id: x.record for x in loaded["source"]}
    problems += rights_without_regulation(loaded["right"], sources)
    problems += rules_beyond_the_facts(loaded["right"] + loaded["step"], sources, facts)
    problems += ratings_without_research(loaded["strategy"], {x.record.id: x.record for x in loaded["evidence level"]}, sources)
    problems += ratings_for_conditions_that_do_not_list_it(loaded["strategy"], loaded["condition"])
    problems += counts_from_a_later_step(loaded["step"])
    if loaded["review rule"]:  # a broken data/review.yml is reported on its own
        problems += early_reviews_out_of_bounds(loaded["condition"], loaded["review rule"][0].record)
    return problems


# --- The whole of data/ ---------------------------------------------------------------------


def data_files(data_dir: Path) -> Iterator[tuple[Kind, Path]]:
    for kind in KINDS:
        for path in sorted(data_dir.glob(kind.pattern)):
            yield kind, path


def load_facts(facts_file: Path) -> tuple[tuple[Fact, ...], list[Problem]]:
    try:
        return read_facts(facts_file), []
    except OSError:
        return (), [Problem(FACTS_FILE, "the file is missing; every rule on the site is checked against it")]


def load_knowledge(data_dir: Path, facts_file: Path | None = None) -> Knowledge:
    """Load and check all of data/, or raise DataError listing every problem in every file.
    Rules are held against the project's facts (tests/reference/facts.md beside data/)."""
    facts, problems = load_facts(facts_file or data_dir.parent / FACTS_FILE)
    loaded: dict[str, list[Located]] = {kind.noun: [] for kind in KINDS}
    ids: dict[str, set[str]] = {kind.noun: set() for kind in KINDS}
    for kind in KINDS:
        if "*" not in kind.pattern and not (data_dir / kind.pattern).exists():
            problems.append(Problem(f"data/{kind.pattern}", "the file is missing"))
    for kind, path in data_files(data_dir):
        file = path.relative_to(data_dir.parent).as_posix()
        located, file_problems, file_ids = load_file(path, file, kind)
        loaded[kind.noun] += located
        problems += file_problems
        ids[kind.noun] |= file_ids
    problems += cross_check(loaded, ids, facts)
    if problems:
        raise DataError(problems)
    conditions = sorted((x.record for x in loaded["condition"]), key=lambda c: c.title.lower())
    def by_id(noun: str) -> dict[str, Any]:
        return {x.record.id: x.record for x in loaded[noun]}

    return Knowledge(
        sources=by_id("source"),
        evidence=by_id("evidence level"),
        comparison=tuple(x.record for x in loaded["row"]),
        strategies=by_id("strategy"),
        conditions={c.id: c for c in conditions},
        rights=by_id("right"),
        timeline=tuple(x.record for x in loaded["step"]),
        state_rules=tuple(x.record for x in loaded["state rule"]),
        iep_areas=by_id("IEP area"),
        glossary=dict(sorted(by_id("term").items(), key=lambda kv: kv[1].term.lower())),
        review=loaded["review rule"][0].record,
    )


def load_brand(project: Path) -> Brand:
    """Load and check brand.yml, or raise DataError naming the file, line and field."""
    path = project / BRAND.pattern
    if not path.is_file():
        raise DataError([Problem(BRAND.pattern, "the file is missing; it names the organisation that publishes the site")])
    located, problems, _ = load_file(path, BRAND.pattern, BRAND)
    if problems:
        raise DataError(problems)
    return located[0].record
