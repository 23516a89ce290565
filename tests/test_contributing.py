"""CONTRIBUTING.md, the volunteers' guide, cannot drift from the rules it teaches.

Its YAML examples are valid records whose ids exist, its rating scale is data/evidence.yml's,
its commands exist, and its table of error messages holds exactly the messages the build
prints for the mistakes tests/test_bad_input.py makes.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch

import pytest

from kb.load import KINDS, Kind, load_knowledge, parse_yaml, references
from kb.schemas import schema_name

from conftest import ROOT
from test_bad_input import CASES

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
KNOWLEDGE = load_knowledge(ROOT / "data")
IDS = {
    "source": set(KNOWLEDGE.sources), "evidence level": set(KNOWLEDGE.evidence),
    "condition": set(KNOWLEDGE.conditions), "strategy": set(KNOWLEDGE.strategies),
    "step": {step.id for step in KNOWLEDGE.timeline},
}
YAML_BLOCKS = re.findall(r"^```yaml\n(.*?)^```", GUIDE, re.MULTILINE | re.DOTALL)


def kind_of(block: str) -> Kind:
    """The kind of record a block shows, from its first line: `# data/strategies.yml`, or the
    schema line a data file starts with."""
    first = block.splitlines()[0]
    named = re.fullmatch(r"# data/(\S+)", first)
    schema = re.search(r"\$schema=\S*/(\S+)$", first)
    for kind in KINDS:
        if (named and fnmatch(named.group(1), kind.pattern)) or (schema and schema.group(1) == schema_name(kind)):
            return kind
    raise AssertionError(f"CONTRIBUTING.md: a yaml block must start by naming its file in data/:\n{block}")


def records_in(block: str) -> tuple[Kind, list]:
    kind = kind_of(block)
    _, data = parse_yaml(block, "CONTRIBUTING.md")
    items = [data] if kind.one_per_file else data
    return kind, [kind.model.model_validate(item) for item in items]


@pytest.mark.parametrize("block", YAML_BLOCKS, ids=lambda b: b.splitlines()[0])
def test_each_yaml_example_is_a_valid_record_naming_ids_that_exist(block):
    _, records = records_in(block)
    for record in records:
        unknown = [(at, ref) for at, noun, ref in references(record) if ref not in IDS[noun]]
        assert not unknown, f"CONTRIBUTING.md's example names ids that data/ does not have: {unknown}"
        page = getattr(record, "page", None)
        assert page is None or (ROOT / "docs" / page.split("#")[0]).is_file(), page


def test_the_examples_show_each_kind_a_volunteer_adds():
    shown = {records_in(block)[0].noun for block in YAML_BLOCKS}
    assert {"condition", "strategy", "term", "source", "review rule"} <= shown


def test_the_rating_scale_in_the_guide_is_data_evidence_yml():
    table = GUIDE.split("The rating scale, from `data/evidence.yml`:", 1)[1].split("\n\n", 2)[1]
    scale = table.split("| --- | --- | --- |\n", 1)[1]  # the rows below the header
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|$", scale, re.MULTILINE)
    assert [(id_, label.strip()) for id_, label, _ in rows] == [(e.id, e.label) for e in KNOWLEDGE.evidence.values()]
    for id_, _, meaning in rows:
        assert KNOWLEDGE.evidence[id_].meaning.startswith(meaning.strip()), id_


def test_every_command_the_guide_names_exists():
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    named = set(re.findall(r"python3 dev\.py (\w+)", GUIDE))
    assert {"serve", "test", "review", "links", "grades"} <= named
    assert all(f'command == "{command}"' in dev for command in named), named


# --- The table of error messages ---------------------------------------------------------------


def table_messages() -> list[str]:
    """The first cell of each row in "What each error message means": one message each."""
    section = GUIDE.split("## What each error message means", 1)[1]
    return [cell for _, cell in re.findall(r"^\| (`+) ?(.*?) ?\1 \|", section, re.MULTILINE)]


def as_printed(message: str) -> str:
    return f"ERROR   -  {message}"  # how MkDocs prints it, as test_bad_input.py reads it


def test_every_message_in_the_guide_is_one_the_build_prints():
    messages = table_messages()
    assert len(messages) >= 30
    made_up = [m for m in messages if not any(re.search(rx, as_printed(m), re.MULTILINE) for _, rx in CASES.values())]
    assert not made_up, f"CONTRIBUTING.md shows messages that no case of tests/test_bad_input.py produces: {made_up}"


def test_every_mistake_the_build_catches_is_explained_in_the_guide():
    messages = table_messages()
    missing = [name for name, (_, rx) in CASES.items()
               if not any(re.search(rx, as_printed(m), re.MULTILINE) for m in messages)]
    assert not missing, ("add a row to CONTRIBUTING.md's 'What each error message means' for each of these cases "
                         f"of tests/test_bad_input.py, with the message the build prints: {missing}")
