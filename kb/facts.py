"""tests/reference/facts.md: the project's checked list of facts, read as rows.

Each numbered row of its tables is one fact, with a mark saying how it was checked (V, V2 or
U: see the file's head). The build refuses a right whose regulation no row names, and the
tests hold every number beside a citation against the rows for that section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Where the facts live, from the project's top folder. A fork keeps it: its build reads it.
FACTS_FILE = "tests/reference/facts.md"

SECTION = re.compile(r"\b(\d{3})\.(\d{1,3})\b")
SECTION_RANGE = re.compile(r"\b(\d{3})\.(\d{1,3})\s*[–-]\s*(?:\d{3}\.)?(\d{1,3})\b")
ROW_NUMBER = re.compile(r"\d+[a-z]?")


@dataclass(frozen=True)
class Fact:
    number: str  # "11a"
    text: str
    mark: str  # "V", "V2 (…)", "U", or a mix by part
    sections: frozenset[str]  # 34 CFR sections the row names: "300.502"

    @property
    def unchecked(self) -> bool:
        return self.mark.startswith("U")


def sections_in(text: str) -> set[str]:
    """'§§300.151–300.153 and 104.36' → {'300.151', '300.152', '300.153', '104.36'}."""
    found = {f"{a}.{b}" for a, b in SECTION.findall(text)}
    for part, first, last in SECTION_RANGE.findall(text):
        found |= {f"{part}.{n}" for n in range(int(first), int(last) + 1)}
    return found


def parse_facts(markdown: str) -> tuple[Fact, ...]:
    rows = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and ROW_NUMBER.fullmatch(cells[0]):
            rows.append(Fact(cells[0], cells[1], cells[2], frozenset(sections_in(cells[1]))))
    return tuple(rows)


def read_facts(path: Path) -> tuple[Fact, ...]:
    return parse_facts(path.read_text(encoding="utf-8"))


def section_of(cfr: str) -> str:
    """'300.502(b)(2)' → '300.502'."""
    return cfr.split("(", 1)[0]


def rows_naming(section: str, facts: tuple[Fact, ...]) -> list[Fact]:
    return [fact for fact in facts if section in fact.sections]


def unchecked_only(section: str, facts: tuple[Fact, ...]) -> bool:
    """True when rows name the section and every one of them is marked U (not checked)."""
    rows = rows_naming(section, facts)
    return bool(rows) and all(fact.unchecked for fact in rows)
