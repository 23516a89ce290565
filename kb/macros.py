"""Where pages meet data: the macros a page may call, for mkdocs-macros and Zensical alike.

`define_env` loads data/ (once per change of the files, however often it is called; kb/build.py)
and registers the macros. `on_pre_page_macros` checks each page first (kb/page_checks.py) and
notes where its search words go; `on_post_build` runs the step after the build (kb/finish.py).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from kb.abbreviations import ABBREVIATIONS
from kb.build import (  # load_once too: tests count its loads
    brand_for,
    build_other_editions,
    edition_language,
    knowledge_for,
    load_once,  # noqa: F401
    missing_condition_pages,
    missing_glossary_pages,
    page_path,
    page_url,
    stop,
)
from kb.finish import finish_editions, finish_site
from kb.page_checks import check_page
from kb.reading_tools import use_language
from kb.render import (
    cite as render_cite,
    condition_page_path,
    handout_page_path,
    published_address,
    render_checklist,
    render_comparison_table,
    render_condition_handout,
    render_condition_list,
    render_contact,
    render_date_calculator,
    render_local_help,
    render_condition_page,
    render_evidence_scale,
    render_glossary,
    render_handout_list,
    render_iep_areas,
    render_letter,
    render_print_hint,
    render_rights,
    render_source_list,
    render_state_rules,
    render_steps_at_a_glance,
    render_timeline,
    rules_of_state,
    steps_counting_from,
)
from kb.review import show_front_matter_review_dates, show_review_dates
from kb.search import SearchWords
from kb.translate import SOURCE_LANGUAGE, page_fingerprint, stale_text, without_front_matter
from kb.words import words_for


class PageError(Exception):
    """A page asked for something that data/ does not have."""


# Where define_env leaves this build's SearchWords for the page hooks and on_post_build.
SEARCH = "_kb_search_words"


def shared_text(project: Path, name: str, language: str = "en") -> str:
    """A text from data/text/ (data/<language>/text/ for another edition) that two pages show:
    its page and its printable copy."""
    folder = project / "data" / "text" if language == "en" else project / "data" / language / "text"
    file = folder / f"{name}.md"
    if not file.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.md") if p.stem != "README"))
        raise PageError(f"there is no data/text/{name}.md (known: {known})")
    # A translation's front matter records the English it was made from (kb/translate.py): not for readers.
    return without_front_matter(file.read_text(encoding="utf-8"))


def lookup(records: dict[str, Any], key: str, noun: str, where: str) -> Any:
    if key not in records:
        close = difflib.get_close_matches(key, list(records), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise PageError(f"there is no {noun} with the id '{key}' in {where}{hint} (known: {', '.join(records)})")
    return records[key]


def define_env(env: Any) -> None:
    project = Path(env.project_dir)
    language = edition_language(env.conf)
    knowledge = knowledge_for(project, language)
    ABBREVIATIONS.use(knowledge)  # the glossary's tooltips, for every page of this build
    use_language(language)  # the words of "On this page" and "Copy link" (kb/reading_tools.py)
    docs_dir = project / env.conf.get("docs_dir", "docs")
    # Only checked here: kb/config.py put brand.yml's settings in the configuration already.
    brand = brand_for(project, docs_dir).in_language(language)  # /es/: brand.yml's Spanish words
    missing = missing_condition_pages(knowledge, docs_dir) + missing_glossary_pages(knowledge, docs_dir)
    if missing:
        stop(missing)
    search = env.variables[SEARCH] = SearchWords()

    @env.macro
    def comparison_table() -> str:
        """The OT and PT comparison table, from data/ot-vs-pt.yml."""
        return render_comparison_table(knowledge.comparison, knowledge)

    @env.macro
    def condition_page(id: str) -> str:  # noqa: A002 - `id` is the word editors use in YAML
        """The whole page for one condition in data/conditions/."""
        condition = lookup(knowledge.conditions, id, "condition", "data/conditions/")
        shown = {("condition", id)} | {("strategy", s) for s in condition.strategies}
        if shown & knowledge.stale:
            env.page.meta["kb_stale"] = True  # overrides/main.html says so, with a link to the English
        # The theme shows these for every page; for this one they come from the record.
        show_review_dates(env.page.meta, knowledge.review, condition.last_reviewed, condition.next_review)
        env.page.meta["description"] = condition.summary
        search.add(page_url(env.page), condition.search_words, f"data/conditions/{id}.yml")
        has_handout = (docs_dir / handout_page_path(id)).is_file()
        return render_condition_page(condition, knowledge, page_path(env.page), has_handout)

    @env.macro
    def condition_handout(id: str) -> str:  # noqa: A002
        """One printable page about a condition, from its record: docs/print/handouts/<id>.md."""
        condition = lookup(knowledge.conditions, id, "condition", "data/conditions/")
        show_review_dates(env.page.meta, knowledge.review, condition.last_reviewed, condition.next_review)
        env.page.meta["description"] = f"{condition.title}: {words_for(language).handout_description}"
        # A printable copy must never compete in search with the page it comes from.
        env.page.meta["search"] = {"exclude": True}
        address = published_address(env.conf.get("site_url") or "", condition_page_path(id),
                                     env.conf.get("use_directory_urls", True))
        return render_condition_handout(condition, knowledge, page_path(env.page), address)

    @env.macro
    def handout_list() -> str:
        """A link to each condition's one-page handout (those whose page exists)."""
        ready = [c for c in knowledge.conditions.values() if (docs_dir / handout_page_path(c.id)).is_file()]
        return render_handout_list(ready, page_path(env.page))

    def note_stale_text(name: str) -> None:
        if language != SOURCE_LANGUAGE and stale_text(project / "data", language, f"{name}.md"):
            env.page.meta["kb_stale"] = True  # overrides/main.html says so, with a link to the English

    @env.macro
    def sample_letter() -> str:
        """The letter asking for an evaluation, from data/text/request-letter.md."""
        note_stale_text("request-letter")
        return render_letter(shared_text(project, "request-letter", language))

    @env.macro
    def meeting_checklist() -> str:
        """The IEP meeting checklist, from data/text/iep-checklist.md."""
        note_stale_text("iep-checklist")
        return render_checklist(shared_text(project, "iep-checklist", language))

    @env.macro
    def print_hint() -> str:
        """The one line that tells a reader how to print the page (shown on screen only)."""
        return render_print_hint(knowledge)

    @env.macro
    def contact() -> str:
        """How to reach the organisation that publishes the site, from brand.yml."""
        return render_contact(brand, words_for(language))

    @env.macro
    def local_help() -> str:
        """Places near the reader that help families, from brand.yml (nothing if none)."""
        return render_local_help(brand.local_help, words_for(language))

    @env.macro
    def condition_list() -> str:
        """Every condition, linked, with its one-sentence summary."""
        return render_condition_list(knowledge.conditions.values(), page_path(env.page))

    @env.macro
    def evidence_scale() -> str:
        """The scale on which strategies are rated, from data/evidence.yml."""
        return render_evidence_scale(knowledge.evidence.values())

    @env.macro
    def source_list() -> str:
        """Every source in data/sources.yml."""
        return render_source_list(knowledge.sources.values())

    @env.macro
    def rights() -> str:
        """Every right in data/rights.yml, each with the regulation that sets it."""
        return render_rights(knowledge.rights.values(), knowledge)

    @env.macro
    def timeline() -> str:
        """The steps from a first worry to an IEP, from data/timeline.yml, with federal deadlines."""
        return render_timeline(knowledge.timeline, knowledge, brand.state)

    @env.macro
    def steps_at_a_glance() -> str:
        """The steps of data/timeline.yml as one numbered list, each deadline as a label: the
        timeline drawn, above the steps that timeline() writes out in full (same page)."""
        return render_steps_at_a_glance(knowledge.timeline, knowledge, brand.state)

    @env.macro
    def date_calculator(start: str) -> str:
        """Work out the date: each deadline that counts from step `start` of data/timeline.yml
        (e.g. "consent"), in words, and as a date once the reader types the day it started."""
        lookup({s.id: s for s in knowledge.timeline}, start, "step", "data/timeline.yml")
        if not steps_counting_from(start, knowledge.timeline):
            starts = ", ".join(dict.fromkeys(s.counts_from for s in knowledge.timeline if s.counts_from)) or "none"
            raise PageError(f"no deadline in data/timeline.yml counts from the step '{start}' "
                            f"(steps a deadline counts from: {starts})")
        return render_date_calculator(start, knowledge, brand.state)

    @env.macro
    def state_rule(step: str) -> str:
        """The site's state's own rule for a step of data/timeline.yml, "In Oregon: ...", with
        its source; nothing when brand.yml names no state or the state has no rule for it."""
        lookup({s.id: s for s in knowledge.timeline}, step, "step", "data/timeline.yml")
        return render_state_rules(rules_of_state(step, brand.state, knowledge), knowledge).strip()

    @env.macro
    def iep_areas() -> str:
        """What OT can work on in the IEP, from data/iep-areas.yml."""
        return render_iep_areas(knowledge.iep_areas.values(), knowledge, page_path(env.page))

    @env.macro
    def glossary() -> str:
        """Every term in data/glossary.yml, in A to Z order."""
        search.add_glossary(list(knowledge.glossary.values()), page_url(env.page))
        return render_glossary(knowledge.glossary.values(), page_path(env.page), knowledge)

    @env.macro
    def cite(id: str) -> str:  # noqa: A002
        """A link to one source, for a statement written by hand in a page."""
        return render_cite(lookup(knowledge.sources, id, "source", "data/sources.yml"))

    # Zensical runs define_env for each page, with no on_pre_page_macros: the page's dates here.
    page = getattr(env, "page", None)  # MkDocs has no page yet (it raises AttributeError)
    if page is not None:
        show_front_matter_review_dates(page.meta, knowledge.review)


def translation_lags(env: Any, path: str) -> bool:
    """A page written by hand in another edition whose English has changed since it was translated."""
    if edition_language(env.conf) == SOURCE_LANGUAGE or "translated_from" not in env.page.meta:
        return False
    english = Path(env.project_dir) / "docs" / path
    return english.is_file() and str(env.page.meta["translated_from"]) != page_fingerprint(english.read_text(encoding="utf-8"))


def on_pre_page_macros(env: Any) -> None:
    check_page(env)
    if translation_lags(env, page_path(env.page)):
        env.page.meta["kb_stale"] = True  # overrides/main.html says so, with a link to the English
    search = env.variables.get(SEARCH)
    if search is not None:
        path, url = page_path(env.page), page_url(env.page)
        search.page(path, url)
        search.add(url, env.page.meta.get("search_words") or [], f"docs/{path}")


def on_post_build(env: Any) -> None:
    """The step after the build (kb/finish.py), with the search words this build collected."""
    problems = finish_site(Path(env.conf["site_dir"]), env.conf.get("site_url"), env.variables.get(SEARCH))
    if problems:
        stop(problems)
    if edition_language(env.conf) == SOURCE_LANGUAGE:  # after the English is finished, the others beside it
        build_other_editions(Path(env.project_dir), Path(env.conf["site_dir"]))
        finish_editions(Path(env.conf["site_dir"]), env.conf.get("site_url"))  # then the sitemaps name the twins
