"""The glossary's acronyms as tooltips on every page, through Markdown's own `abbr` extension.

mkdocs.yml hands ABBREVIATIONS to `abbr` as its glossary. Markdown reads it once per page, so
it must be cheap: `kb.macros.define_env` fills it each time the build loads data/ (on every
rebuild of `mkdocs serve` too). Only if Markdown asks before that does it read data/ itself,
in the words of the edition being built; a mistake in data/ then leaves it empty, and the
build's usual clear messages say why. Zensical asks before that on the first page it renders:
it runs define_env inside each page's Markdown, after `abbr` has read its glossary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from kb.build import data_fingerprint, edition_language, load_once, translated_once
from kb.load import DataError
from kb.records import Knowledge
from kb.render import abbreviations
from kb.translate import SOURCE_LANGUAGE

DATA = Path(__file__).resolve().parent.parent / "data"


def language_being_built() -> str:
    """The edition's language, from the configuration Zensical is building (mkdocs.es.yml: es).
    MkDocs runs define_env before any page, so it never needs this: English."""
    try:
        from zensical.config import get_config
    except ImportError:
        return SOURCE_LANGUAGE
    return edition_language(get_config() or {})


def knowledge_in(data_dir: Path, language: str) -> Knowledge:
    """data/ in that edition's words, from the same cache the macros use."""
    fingerprint = data_fingerprint(data_dir)
    if language == SOURCE_LANGUAGE:
        return load_once(str(data_dir), fingerprint)
    return translated_once(str(data_dir), fingerprint, language)


class Abbreviations(Mapping[str, str]):
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self._terms: dict[str, str] | None = None

    def use(self, knowledge: Knowledge) -> None:
        self._terms = abbreviations(knowledge.glossary.values())

    def _current(self) -> dict[str, str]:
        if self._terms is None:
            try:
                self.use(knowledge_in(self.data_dir, language_being_built()))
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
