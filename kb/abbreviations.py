"""The glossary's acronyms as tooltips on every page, through Markdown's own `abbr` extension.

mkdocs.yml hands ABBREVIATIONS to `abbr` as its glossary. Markdown reads it once per page, so
it must be cheap: `kb.macros.define_env` fills it each time the build loads data/ (on every
rebuild of `mkdocs serve` too). Only if Markdown asks before that does it read data/ itself;
a mistake in data/ then leaves it empty, and the build's usual clear messages say why.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from kb.load import DataError, load_knowledge
from kb.records import Knowledge
from kb.render import abbreviations

DATA = Path(__file__).resolve().parent.parent / "data"


class Abbreviations(Mapping[str, str]):
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self._terms: dict[str, str] | None = None

    def use(self, knowledge: Knowledge) -> None:
        self._terms = abbreviations(knowledge.glossary.values())

    def _current(self) -> dict[str, str]:
        if self._terms is None:
            try:
                self.use(load_knowledge(self.data_dir))
            except DataError:
                return {}
        return self._terms or {}

    def __getitem__(self, key: str) -> str:
        return self._current()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())


ABBREVIATIONS = Abbreviations(DATA)
