"""The glossary's acronyms as tooltips on every page, through Markdown's own `abbr` extension.

mkdocs.yml hands ABBREVIATIONS to `abbr` as its glossary. It is read from data/glossary.yml
when Markdown first asks for it, not when the config is loaded, so a mistake in data/ is
reported by the build's usual clear messages (kb.macros) rather than as a traceback here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from kb.load import DataError
from kb.macros import data_fingerprint, load_once
from kb.render import abbreviations

DATA = Path(__file__).resolve().parent.parent / "data"


class LazyAbbreviations(Mapping[str, str]):
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self._snapshot: dict[str, str] | None = None

    def _terms(self) -> dict[str, str]:
        try:
            knowledge = load_once(str(self.data_dir), data_fingerprint(self.data_dir))
            return abbreviations(knowledge.glossary.values())
        except DataError:
            return {}  # the macros stop the build and list the problems

    def keys(self):  # noqa: ANN201 - Mapping's own signature
        # Markdown reads the glossary as {**glossary}: keys() first, then one lookup per key.
        # Checking data/ for changes here, once per page rather than once per key, keeps it cheap.
        self._snapshot = self._terms()
        return self._snapshot.keys()

    def __getitem__(self, key: str) -> str:
        if self._snapshot is None:
            self._snapshot = self._terms()
        return self._snapshot[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())


ABBREVIATIONS = LazyAbbreviations(DATA)
