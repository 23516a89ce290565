"""Material's search, replayed in Python: the built index in, the pages a reader sees out.

The search box runs lunr.js in a web worker, with Material's own changes (mkdocs-material 9.8,
src/templates/assets/javascripts/integrations/search/). lunr.py is a faithful port of lunr.js,
so this module only has to copy what Material changes, and the one change this site makes:

- the site's worker (overrides/assets/kb/search-worker.js) first leaves out little words
  ("a", "to", "can", single letters; in Spanish "de", "la", "no"), which Material's trailing
  `*` would otherwise match with every word that starts with them, and makes a two-letter word
  ("ot") match only itself, and searches a word that no word of the index begins with one letter
  off (two from eight letters: lunr's fuzzy `~`), as a typing slip;
- the language: an index whose config names one other language ("es") filters lunr-languages'
  stop words for it, read from the very file Material's worker loads (lunr.es.min.js);
- the tokenizer: markup is skipped, text is split with the index's `separator`, then lower-cased;
- the pipeline: only the steps named in the index's config are kept (no stemmer by default);
- the query: every word is split with the same separator and gets a trailing `*`;
- the ranking: b = 0 (length does not count), then each result's score is multiplied by
  1 + boost², where boost is 1 for a whole page (0 for a section) plus the share of query words
  it matched; results are then grouped by page, in the order of each page's best result.

tests/test_search_browser.py checks that this replica and the real search box agree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lunr.builder import Builder
from lunr.query import QueryPresence
from lunr.query_lexer import QueryLexer
from lunr.query_parser import QueryParser
from lunr.stemmer import stemmer
from lunr.stop_word_filter import generate_stop_word_filter, stop_word_filter
from lunr.trimmer import trimmer

import material

PIPELINE = {"trimmer": trimmer, "stopWordFilter": stop_word_filter, "stemmer": stemmer}
MARKUP = re.compile(r"<[^>]*>")
LUNR_LANGUAGES = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"


def stop_words_of(language: str):
    """lunr's stop word filter for the index's language: English's is lunr's own; another's is
    the list in lunr-languages' file for it, as Material ships it."""
    if language == "en":
        return stop_word_filter
    script = (LUNR_LANGUAGES / f"lunr.{language}.min.js").read_text(encoding="utf-8")
    words = re.search(r'stopWordFilter=\w+\.generateStopWordFilter\("([^"]*)"', script).group(1)
    return generate_stop_word_filter(words.split(), language)


@dataclass(frozen=True)
class Page:
    location: str  # as in the index: "" for home, "rights/"
    title: str


def split(text: str, separator: re.Pattern) -> list[str]:
    """Material's `split`: the non-empty stretches between matches of the separator."""
    pieces, start = [], 0
    for match in separator.finditer(text):
        if match.start() > start:
            pieces.append(text[start:match.start()])
        start = max(start, match.end())
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def tokens(value: str | list[str] | None, separator: re.Pattern) -> list[str]:
    """Material's `tokenize`: text between tags, split and lower-cased. Tags are not words."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [
        piece.lower()
        for text in values
        for stretch in MARKUP.split(text)
        for piece in split(stretch, separator)
    ]


SEARCH_SYNTAX = re.compile(r'^[+\-"]|"$|[:~^*]')


def index_words(docs, fields, separator: re.Pattern) -> list[str]:
    """The worker's `wordsOf`: every word of every field, tags left out, split, lower-cased."""
    words = dict.fromkeys(
        word.lower()
        for doc in docs for field in fields
        for text in (doc.get(field) if isinstance(doc.get(field), list) else [doc.get(field)] if doc.get(field) else [])
        for word in split(MARKUP.sub(" ", str(text)), separator)
    )
    return list(words)


def mended(word: str, vocabulary: list[str]) -> str:
    """The worker's `mended`: a typing slip, four letters or more and the beginning of no word of
    the index, is searched one letter off (two from eight letters)."""
    typed = word.lower()
    if SEARCH_SYNTAX.search(word) or len(typed) < 4 or any(known.startswith(typed) for known in vocabulary):
        return word
    return f"{word}~{2 if len(typed) >= 8 else 1}"


def prepare_query(query: str, separator: re.Pattern, is_stop_word=stop_word_filter,
                  vocabulary: list[str] | None = None) -> str:
    """The site's worker (`prepare`): split at punctuation, leave out the language's stop words
    and single letters unless nothing else is left, mark two-letter words `^1` so they get
    no `*`, and search a typing slip one or two letters off."""
    words = [
        piece
        for word in query.split()
        for piece in ([word] if SEARCH_SYNTAX.search(word) else split(word, separator))
    ]
    kept = [
        word for word in words
        if SEARCH_SYNTAX.search(word)
        or (not re.fullmatch(r"[a-z]", word, re.I) and is_stop_word(word.lower()) is not None)
    ]
    if not kept:
        return query
    return " ".join(f"{w}^1" if re.fullmatch(r"[a-z0-9]{2}", w, re.I) else mended(w, vocabulary or [])
                    for w in kept)


def transform(query: str, separator: re.Pattern) -> str:
    """Material's `transformSearchQuery`: split each word with the separator, add `*` to each."""
    query = query.strip()
    # Quoted parts become required words (+word), as Material does.
    parts = re.split(r'"([^"]+)"', query)
    query = "".join(
        re.sub(r"^\b|^(?![^\x00-\x7F]|$)|\s+", " +", part) if i % 2 else part
        for i, part in enumerate(parts)
    )
    query = re.sub(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)', "", query)
    terms: list[str] = []
    for part in re.split(r"\s+", query):
        lexer = QueryLexer(part)
        lexer.run()
        for lexeme in lexer.lexemes:
            if lexeme["type"] == QueryLexer.FIELD and lexeme["string"] not in ("title", "text", "tags"):
                end = lexeme["end"]
                part = part[:end] + " " + part[end + 1:]
            elif lexeme["type"] == QueryLexer.TERM:
                start, end = lexeme["start"], lexeme["end"]
                terms += [part[:start] + piece + part[end:] for piece in split(lexeme["string"], separator)]
    terms = [t + "1" if re.search(r"[~^]$", t) else t for t in terms]
    return " ".join(t if re.search(r"(^[+-]|[~^]\d+$)", t) else t + "*" for t in terms)


class Replica:
    """The search index of one built site, ranked as Material's search box ranks it."""

    def __init__(self, site: Path):
        data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        self.config = data["config"]
        self.docs = {doc["location"]: doc for doc in data["docs"]}
        self.separator = re.compile(self.config["separator"])
        languages = self.config["lang"]
        # Material loads one other language's pipeline in place of English's; more than one
        # (lunr.multiLanguage) this replica does not copy.
        assert len(languages) == 1, f"the replica reads one language's index, not {languages}"
        self.stop_word_filter = stop_words_of(languages[0])
        self.vocabulary = index_words(data["docs"], list(self.config["fields"]), self.separator)

    @cached_property
    def index(self):
        builder = Builder()
        builder.b(0)
        for name in self.config["pipeline"]:
            builder.pipeline.add(self.stop_word_filter if name == "stopWordFilter" else PIPELINE[name])
        builder.ref("location")
        for name, spec in self.config["fields"].items():
            # Pre-split tokens: lunr.py wraps each list item as one token, as lunr.js does.
            builder.field(name, boost=spec.get("boost", 1),
                          extractor=lambda doc, n=name: tokens(doc.get(n), self.separator) or None)
        for doc in self.docs.values():
            builder.add(doc, {"boost": doc.get("boost", 1)})
        return builder.build()

    def article(self, location: str) -> str:
        return location.split("#", 1)[0]

    def search(self, query: str) -> list[Page]:
        """The pages in the order the search box lists them."""
        prepared = prepare_query(query, self.separator, self.stop_word_filter, self.vocabulary)
        transformed = transform(prepared, self.separator)
        if not transformed:
            return []
        clauses = self.clauses(transformed)
        scored = []
        for result in self.index.search(transformed):
            location = result["ref"]
            terms = self.matched_terms(clauses, list(result["match_data"].metadata))
            whole_page = 0 if location != self.article(location) else 1
            share = sum(terms.values()) / len(terms) if terms else 0
            boost = whole_page + share
            scored.append((result["score"] * (1 + boost**2), location))
        scored.sort(key=lambda pair: -pair[0])  # stable, as Array.prototype.sort is
        pages: dict[str, Page] = {}
        for _, location in scored:
            article = self.article(location)
            if article not in pages:
                pages[article] = Page(article, self.title(article))
        return list(pages.values())

    def title(self, article: str) -> str:
        return MARKUP.sub("", self.docs[article]["title"])

    def clauses(self, transformed: str) -> list[str]:
        """Material's `parseSearchQuery`: the query's words without their `*`, minus excluded ones."""
        query = self.index.create_query()
        QueryParser(transformed, query).parse()
        return [c.term.strip("*") for c in query.clauses if c.presence != QueryPresence.PROHIBITED]

    @staticmethod
    def matched_terms(clauses: list[str], matched: list[str]) -> dict[str, bool]:
        """Material's `getSearchQueryTerms`: which query words a result matched (stop words that
        matched nothing do not count against it)."""
        open_clauses = list(dict.fromkeys(clauses))
        result: dict[str, bool] = {}
        for term in matched:
            for clause in list(open_clauses):
                if term.startswith(clause):
                    result[clause] = True
                    open_clauses.remove(clause)
        for clause in open_clauses:
            # lunr's own (English) filter in every language: Material calls lunr.stopWordFilter.
            if stop_word_filter(clause) is not None:
                result[clause] = False
        return result
