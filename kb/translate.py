"""The Spanish edition's words: data/es/ holds only words, keyed by the English records' ids.

Facts (ids, sources, evidence levels, dates, day counts, state rules) live once, in the English
records; a Spanish file gives each record's words and, in `translated_from`, a fingerprint of
each English text it was made from. When the English changes, the fingerprint no longer matches
and the translation is stale: the build says which, `python3 dev.py stale` lists them, a stale
right, step or rating fails the tests, and any other stale page shows a notice.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import Field, create_model

from kb.load import KINDS, DataError, Kind, Problem, load_file
from kb.records import Id, Knowledge, Record, Text

# The edition every other is made from, and the others, each with its own folder in data/.
SOURCE_LANGUAGE = "en"
TRANSLATIONS = ("es",)

# The fields of each kind that are words. Everything else in a record is a fact both editions
# share, written once in the English file. `search_words` are each language's own: a Spanish
# parent types other words, so they are not fingerprinted.
WORD_FIELDS = {
    "evidence level": ("label", "meaning"),
    "strategy": ("name", "what", "evidence_note", "for_condition"),
    "row": ("aspect", "ot", "pt"),
    "condition": ("title", "summary", "at_a_glance", "at_school", "how_ot_helps", "goals", "accommodations",
                  "questions", "search_words"),
    "right": ("title", "summary", "details"),
    "step": ("title", "what", "deadline", "from_words", "due_words"),
    "IEP area": ("title", "what", "examples", "sample_goal"),
    "term": ("term", "stands_for", "meaning", "search_words"),
}
OWN_WORDS = ("search_words",)
# A stale translation of these says something about the law or the research that the English
# no longer says: the tests fail until it is translated again.
LEGAL = ("right", "step", "strategy", "evidence level")
# The texts in data/text/ (Markdown, shown on a page and its printable copy) that are legal too:
# the sample letter asks a school for an evaluation and cites a parent's rights, so a parent must
# never send a Spanish letter that asks for less than the English one. The meeting checklist is
# advice: a stale one shows the notice, like a page.
LEGAL_TEXTS = ("request-letter.md",)


class NoteWords(Record):
    """A condition's own rating of a strategy, in words: the level and sources are the English's."""

    evidence_note: Text


def fingerprint(value: Any) -> str:
    """A short, stable fingerprint of an English text (or list of texts)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def english_texts(record: Record, noun: str) -> dict[str, Any]:
    """The English words of a record that a translation follows, by field path."""
    texts: dict[str, Any] = {}
    for name in WORD_FIELDS[noun]:
        value = getattr(record, name)
        if name in OWN_WORDS or value in (None, [], {}):
            continue
        if name == "for_condition":
            texts |= {f"for_condition.{cid}": rating.evidence_note for cid, rating in value.items()}
        else:
            texts[name] = value
    return texts


def words_kind(kind: Kind) -> Kind:
    """The kind of a Spanish file: the record's id, its word fields under the same rules as in
    English, and the fingerprints of the English they were made from."""
    fields: dict[str, Any] = {"id": (Id, ...), "translated_from": (dict[str, str], Field(default={}))}
    for name in WORD_FIELDS[kind.noun]:
        info = kind.model.model_fields[name]
        if name == "for_condition":
            fields[name] = (dict[Id, NoteWords], Field(default={}))
        else:
            fields[name] = (info.annotation, info)
    model = create_model(f"{kind.model.__name__}Words", __base__=Record, **fields)
    return Kind(kind.pattern, model, kind.noun, kind.one_per_file)


@dataclass(frozen=True)
class Stale:
    """One translated text that no longer follows its English, or an English text with none."""

    file: str
    noun: str
    record: str
    field: str
    missing: bool = False

    @property
    def legal(self) -> bool:
        return self.noun in LEGAL or (self.noun == "text" and self.record in LEGAL_TEXTS)

    def __str__(self) -> str:
        what = "has no translation yet" if self.missing else "changed in English since it was translated"
        return f"{self.file}: {self.noun} '{self.record}', field '{self.field}': {what}"


@dataclass(frozen=True)
class Edition:
    """One language's words for every record, checked, with what is stale."""

    language: str
    words: dict[str, dict[str, Record]]  # noun → id → words
    stale: tuple[Stale, ...]

    def stale_records(self) -> frozenset[tuple[str, str]]:
        return frozenset((s.noun, s.record) for s in self.stale)


def translated_kinds() -> Iterator[Kind]:
    return (kind for kind in KINDS if kind.noun in WORD_FIELDS)


def english_records(knowledge: Knowledge, noun: str) -> dict[str, Record]:
    records = {
        "evidence level": knowledge.evidence, "strategy": knowledge.strategies, "condition": knowledge.conditions,
        "right": knowledge.rights, "IEP area": knowledge.iep_areas, "term": knowledge.glossary,
        "step": {s.id: s for s in knowledge.timeline}, "row": {r.id: r for r in knowledge.comparison},
    }
    return records[noun]


def load_edition(knowledge: Knowledge, data_dir: Path, language: str) -> Edition:
    """Read data/<language>/, check it against the English records, and find what is stale.
    Raise DataError naming the file, line, record and field of each mistake."""
    folder = data_dir / language
    problems: list[Problem] = []
    words: dict[str, dict[str, Record]] = {}
    stale: list[Stale] = []
    for kind in translated_kinds():
        spanish = words_kind(kind)
        english = english_records(knowledge, kind.noun)
        found: dict[str, Record] = {}
        for path in sorted(folder.glob(kind.pattern)):
            file = path.relative_to(data_dir.parent).as_posix()
            located, file_problems, _ = load_file(path, file, spanish)
            problems += file_problems
            for item in located:
                if item.record.id not in english:
                    problems.append(Problem(file, f"there is no {kind.noun} with this id in data/{kind.pattern}; "
                                            "translate only records the English has", record=item.label, field="id"))
                    continue
                problems += list(shape_problems(item.record, english[item.record.id], file, item.label))
                found[item.record.id] = item.record
        words[kind.noun] = found
        home = f"data/{language}/{kind.pattern.replace('*', '{id}')}"
        for record_id, record in english.items():
            stale += stale_fields(record, found.get(record_id), kind.noun, home.replace("{id}", record_id))
    if problems:
        raise DataError(problems)
    return Edition(language, words, tuple(stale))


def shape_problems(words: Record, english: Record, file: str, label: str) -> Iterator[Problem]:
    """A translated list keeps the English list's items one for one, so a page lines them up."""
    for name in words.model_fields_set & set(type(english).model_fields):
        mine, theirs = getattr(words, name), getattr(english, name)
        if name not in OWN_WORDS and isinstance(mine, list) and isinstance(theirs, list) and len(mine) != len(theirs):
            yield Problem(file, f"has {len(mine)} items, the English has {len(theirs)}; translate item by item",
                          record=label, field=name)


def stale_fields(english: Record, words: Record | None, noun: str, file: str) -> Iterator[Stale]:
    recorded = words.translated_from if words else {}
    for path, text in english_texts(english, noun).items():
        if words is None or not has_words(words, path):
            yield Stale(file, noun, english.id, path, missing=True)
        elif recorded.get(path) != fingerprint(text):
            yield Stale(file, noun, english.id, path)


def has_words(words: Record, path: str) -> bool:
    name, _, condition = path.partition(".")
    value = getattr(words, name, None)
    return bool(value.get(condition) if condition else value)


def current_fingerprints(english: Record, words: Record, noun: str) -> dict[str, str]:
    """The fingerprints to record once a translator has checked a record against its English."""
    return {path: fingerprint(text) for path, text in english_texts(english, noun).items() if has_words(words, path)}


# --- Putting the words in place ----------------------------------------------------------------


def with_words(record: Record, words: Record | None) -> Record:
    """The record as the other edition shows it: its facts, with the translated words."""
    if words is None:
        return record
    update = {name: getattr(words, name) for name in words.model_fields_set
              if name not in ("id", "translated_from", "for_condition")}
    if getattr(words, "for_condition", None):
        update["for_condition"] = {
            cid: rating.model_copy(update={"evidence_note": words.for_condition[cid].evidence_note})
            if cid in words.for_condition else rating
            for cid, rating in record.for_condition.items()
        }
    return record.model_copy(update=update)


def translated(knowledge: Knowledge, edition: Edition) -> Knowledge:
    """Everything in data/, in the edition's language: the same facts, its words."""
    def each(noun: str, records: dict[str, Record]) -> dict[str, Record]:
        return {rid: with_words(r, edition.words[noun].get(rid)) for rid, r in records.items()}

    conditions = each("condition", knowledge.conditions)
    glossary = each("term", knowledge.glossary)
    return replace(
        knowledge,
        evidence=each("evidence level", knowledge.evidence),
        strategies=each("strategy", knowledge.strategies),
        comparison=tuple(with_words(r, edition.words["row"].get(r.id)) for r in knowledge.comparison),
        conditions=dict(sorted(conditions.items(), key=lambda kv: sort_key(kv[1].title))),
        rights=each("right", knowledge.rights),
        timeline=tuple(with_words(s, edition.words["step"].get(s.id)) for s in knowledge.timeline),
        iep_areas=each("IEP area", knowledge.iep_areas),
        glossary=dict(sorted(glossary.items(), key=lambda kv: sort_key(kv[1].term))),
        language=edition.language,
        stale=edition.stale_records(),
    )


ACCENTS = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN")


def sort_key(text: str) -> str:
    """A to Z as a Spanish reader expects it: accents do not move a word to the end."""
    return text.translate(ACCENTS).casefold()


# --- Recording that a translation is current ---------------------------------------------------

TRANSLATED_FROM = re.compile(r"^(\s*)translated_from:.*$", re.MULTILINE)


def flow_mapping(fingerprints: dict[str, str]) -> str:
    return "{" + ", ".join(f"{path}: \"{value}\"" for path, value in fingerprints.items()) + "}"


def mark_current(file: Path, knowledge: Knowledge, data_dir: Path, language: str) -> int:
    """Write, in a Spanish file, the fingerprints of the English as it is now, for every record
    it translates: what a translator does once the words say what the English says. Returns how
    many records were marked. Each record keeps its one `translated_from:` line (added if none)."""
    kind = next(k for k in translated_kinds() if file.relative_to(data_dir / language).match(k.pattern))
    spanish = words_kind(kind)
    located, problems, _ = load_file(file, file.relative_to(data_dir.parent).as_posix(), spanish)
    if problems:
        raise DataError(problems)
    english = english_records(knowledge, kind.noun)
    text = file.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    marked = 0
    for item in reversed(located):  # from the end, so earlier line numbers stay right
        record = english.get(item.record.id)
        if record is None:
            continue
        line = f"translated_from: {flow_mapping(current_fingerprints(record, item.record, kind.noun))}"
        start, end = item.node.start_mark.line, max(item.node.end_mark.line, item.node.start_mark.line + 1)
        indent = "" if kind.one_per_file else "  "
        for number in range(start, min(end, len(lines))):
            if TRANSLATED_FROM.match(lines[number]):
                lines[number] = f"{indent}{line}\n"
                break
        else:
            last = max(n for n in range(start, min(end, len(lines))) if lines[n].strip())
            lines.insert(last + 1, f"{indent}{line}\n")
        marked += 1
    file.write_text("".join(lines), encoding="utf-8")
    return marked


# --- Pages written by hand, and the texts in data/text/ -----------------------------------------
# Both are Markdown files whose twin records, in its front matter, the fingerprint of the whole
# English text it was made from: `translated_from: "..."`.

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
PAGE_TRANSLATED_FROM = re.compile(r'^translated_from:\s*"?([^"\n]*)"?\s*$', re.MULTILINE)


def without_front_matter(markdown: str) -> str:
    return FRONT_MATTER.sub("", markdown, count=1)


def page_fingerprint(markdown: str) -> str:
    """The fingerprint of an English page: its text, not its front matter (a new review date
    does not make a translation stale)."""
    return fingerprint(without_front_matter(markdown))


def page_translated_from(markdown: str) -> str | None:
    front = FRONT_MATTER.match(markdown)
    found = front and PAGE_TRANSLATED_FROM.search(front.group(0))
    return found.group(1) if found else None


def stale_twin(english: Path, twin: Path, file: str, noun: str, record: str) -> Stale | None:
    """A translated Markdown file that is missing, or lags behind its English; else None."""
    if not twin.is_file():
        return Stale(file, noun, record, "text", missing=True)
    if page_translated_from(twin.read_text(encoding="utf-8")) != page_fingerprint(english.read_text(encoding="utf-8")):
        return Stale(file, noun, record, "text")
    return None


def stale_pages(english_docs: Path, translated_docs: Path) -> list[Stale]:
    """Each page written by hand whose translation is missing or lags behind its English.
    Pages made from data (one macro line, no front matter) follow their records instead."""
    stale = []
    for english in sorted(english_docs.rglob("*.md")):
        path = english.relative_to(english_docs).as_posix()
        if FRONT_MATTER.match(english.read_text(encoding="utf-8")):
            found = stale_twin(english, translated_docs / path, f"{translated_docs.name}/{path}", "page", path)
            stale += [found] if found else []
    return stale


# data/text/ holds the texts two pages show (data/text/README.md, which is no text, says which).
TEXTS = "text"


def text_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in (data_dir / TEXTS).glob("*.md") if p.name != "README.md")


def stale_text(data_dir: Path, language: str, name: str) -> Stale | None:
    """One text of data/text/ (request-letter.md) whose translation in data/<language>/text/ is
    missing or lags behind its English; else None."""
    return stale_twin(data_dir / TEXTS / name, data_dir / language / TEXTS / name,
                      f"data/{language}/{TEXTS}/{name}", "text", name)


def stale_texts(data_dir: Path, language: str) -> list[Stale]:
    return [found for english in text_files(data_dir) if (found := stale_text(data_dir, language, english.name))]


def mark_page_current(twin: Path, english: Path) -> None:
    """Record, in a translated page's front matter, the fingerprint of its English as it is now."""
    text = twin.read_text(encoding="utf-8")
    line = f'translated_from: "{page_fingerprint(english.read_text(encoding="utf-8"))}"'
    front = FRONT_MATTER.match(text)
    if front and PAGE_TRANSLATED_FROM.search(front.group(0)):
        head = PAGE_TRANSLATED_FROM.sub(line, front.group(0), count=1)
    elif front:
        head = front.group(0)[:-4] + line + "\n---\n"
    else:
        head = f"---\n{line}\n---\n"
    twin.write_text(head + text[front.end() if front else 0:], encoding="utf-8")


# --- python3 dev.py stale ----------------------------------------------------------------------


def english_twin(path: Path, project: Path, language: str) -> Path | None:
    """The English file a translated file follows: docs-es/x.md → docs/x.md,
    data/es/text/x.md → data/text/x.md, data/es/x.yml → data/x.yml; None when either is missing
    or the file is no translation (data/es/TERMS.md)."""
    for translated, english in ((project / f"docs-{language}", project / "docs"),
                                (project / "data" / language, project / "data")):
        if path.is_file() and path.is_relative_to(translated):
            twin = english / path.relative_to(translated)
            return twin if twin.is_file() else None
    return None


def main(argv: list[str] | None = None) -> int:
    """List what lags behind the English; with --mark-current FILE..., record that each named
    Spanish file (data/es/... or docs-es/...) now says what its English says."""
    import argparse

    from kb.load import load_knowledge
    from kb.project import PROJECT

    parser = argparse.ArgumentParser(prog="python3 dev.py stale")
    parser.add_argument("--mark-current", nargs="+", metavar="FILE", default=[],
                        help="Spanish files you have checked against their English")
    args = parser.parse_args(argv)
    data_dir, knowledge = PROJECT / "data", None
    try:
        knowledge = load_knowledge(data_dir)
        for name in args.mark_current:
            path = (PROJECT / name).resolve()
            english = english_twin(path, PROJECT, "es")
            if english is None:
                print(f"{name}: is not a Spanish translation of an English file; name one in data/es/ or docs-es/")
                return 1
            if path.suffix == ".md":
                mark_page_current(path, english)
            else:
                mark_current(path, knowledge, data_dir, "es")
            print(f"marked current: {name}")
        edition = load_edition(knowledge, data_dir, "es")
    except DataError as error:
        print("\n".join(map(str, error.problems)))
        return 1
    stale = (list(edition.stale) + stale_pages(PROJECT / "docs", PROJECT / "docs-es")
             + stale_texts(data_dir, "es"))
    if not stale:
        print("Every Spanish text follows its English.")
        return 0
    for item in stale:
        print(("LEGAL  " if item.legal else "       ") + str(item))
    print(f"\n{len(stale)} text(s) to translate again. Lines marked LEGAL fail the tests until then. Once the "
          "Spanish says what the English says, run: python3 dev.py stale --mark-current FILE")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
