"""The words parents type, added to the search index Material writes.

Material's search finds a page only by the words on it. Parents type other words: "can't hold a
pencil", "choking", "pt vs ot", misspellings. Editors keep those words in data, as
`search_words:` in a condition, a glossary term or a page's front matter. After the build, they
are added to `search/search_index.json` as a `keywords` field of the entry they belong to:
a page, or one glossary entry. Readers never see them. mkdocs.yml sets how much that field
counts.

Where each record was rendered is known only while pages render, so the macros note it in a
`SearchWords` as they go, and `on_post_build` (kb/macros.py) writes the words at the end.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kb.records import GlossaryTerm

# The field of each index entry that holds the words. mkdocs.yml gives it its weight
# (plugins → search → fields → keywords); Material's search box indexes it but never shows it.
KEYWORDS = "keywords"
INDEX_FILE = Path("search") / "search_index.json"
# Parents type on phones without accents: "evaluacion", "nino", "lapiz". Beside each field with
# accented words, the index gets a field of the same weight holding those words without them.
UNACCENTED = "_unaccented"
MARKUP = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Words:
    """Words for one place: an index location ('conditions/autism/', 'glossary/#iee'), or a
    docs/ file with an optional #anchor ('rights.md#iee') whose address is known only later."""

    place: str
    words: list[str]
    file: str  # where an editor finds them, for the error message
    record: str | None = None


@dataclass
class SearchWords:
    """What one build has learned: where each page lives, and the words for each place."""

    urls: dict[str, str] = field(default_factory=dict)  # docs/ file → its location in the index
    found: list[Words] = field(default_factory=list)

    def page(self, src: str, url: str) -> None:
        self.urls[src] = url

    def add(self, place: str, words: list[str], file: str, record: str | None = None) -> None:
        if words:
            self.found.append(Words(place, list(words), file, record))

    def add_glossary(self, terms: list[GlossaryTerm], glossary_url: str) -> None:
        """Each term's words find its entry on the glossary page, and the page that explains it.

        The term and its long form are words for that page too: a parent who types "IEE"
        wants the page about independent evaluations, not only the one-line meaning."""
        for term in terms:
            record = f"term '{term.id}'"
            self.add(f"{glossary_url}#{term.id}", term.search_words, "data/glossary.yml", record)
            if term.page:
                names = [term.term] + ([term.stands_for] if term.stands_for else [])
                self.add(term.page, names + term.search_words, "data/glossary.yml", record)

    def location(self, place: str) -> str:
        """'rights.md#iee' → 'rights/#iee'; an index location stays as it is."""
        src, _, anchor = place.partition("#")
        if src not in self.urls:
            return place
        return self.urls[src] + (f"#{anchor}" if anchor else "")


def add_keywords(index: dict, words: SearchWords) -> list[Words]:
    """Put the words on the index entries they belong to, in place. Returns words with no entry."""
    entries = {entry["location"]: entry for entry in index["docs"]}
    homeless = []
    for found in words.found:
        entry = entries.get(words.location(found.place))
        if entry is None:
            homeless.append(found)
            continue
        known = entry.setdefault(KEYWORDS, [])
        known.extend(w for w in found.words if w not in known)
    return homeless


def unaccented(text: str) -> str:
    """'evaluación' → 'evaluacion', 'niño' → 'nino': the word as typed without accents."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def accented_words(value: str | list[str], separator: re.Pattern) -> list[str]:
    """The words of a field's text (markup left out) that have an accent, without it; a word
    keeps its repeats, so it counts as often as in the original field."""
    texts = value if isinstance(value, list) else [value]
    words = (word.lower() for text in texts for part in MARKUP.split(text)
             for word in separator.split(part) if word)
    return [plain for word in words if (plain := unaccented(word)) != word]


def add_unaccented_fields(index: dict) -> None:
    """In place: for each field with accented words, a twin field `<name>_unaccented` of the
    same weight, so "evaluacion" finds what "evaluación" finds. Words typed with their accents
    still match the original field; the results show the original text."""
    fields = index["config"]["fields"]
    separator = re.compile(index["config"]["separator"])
    for name in [name for name in fields if not name.endswith(UNACCENTED)]:
        for entry in index["docs"]:
            if entry.get(name) and (plain := accented_words(entry[name], separator)):
                entry[name + UNACCENTED] = " ".join(plain)
                fields.setdefault(name + UNACCENTED, dict(fields[name]))


def write_keywords(site_dir: Path, words: SearchWords) -> list[Words]:
    """Rewrite the built index with the words added; returns words that had no entry to go to."""
    path = site_dir / INDEX_FILE
    if not path.is_file():  # search switched off: nothing to add to
        return []
    index = json.loads(path.read_text(encoding="utf-8"))
    homeless = add_keywords(index, words)
    add_unaccented_fields(index)
    # The same compact form Material writes: the index is fetched on every page load.
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    return homeless
