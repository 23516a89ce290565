"""Where pages meet data: the macros a page may call, for mkdocs-macros and Zensical alike.

`define_env` loads data/ (once per change of the files, however often it is called) and
registers the macros. `on_pre_page_macros` turns any mistake in a page's macros into one
clear line that names the page, instead of the macros plugin's traceback.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import inspect
import logging
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
import yaml
from pydantic import TypeAdapter, ValidationError

from kb.abbreviations import ABBREVIATIONS
from kb.load import DataError, Knowledge, Problem, load_brand, load_knowledge
from kb.finish import finish_site
from kb.records import Brand, SearchWordList
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
    render_timeline,
    rules_of_state,
)
from kb.review import front_matter_review_problems, show_front_matter_review_dates, show_review_dates
from kb.search import SearchWords

log = logging.getLogger("mkdocs.plugins.kb")

try:
    from mkdocs.exceptions import PluginError as BuildStop  # MkDocs prints it as one line and exits 1
except ImportError:  # a build with Zensical alone has no MkDocs installed

    class BuildStop(RuntimeError):
        pass


class PageError(Exception):
    """A page asked for something that data/ does not have."""


# Every page carries these in its front matter; pages made from data get them from the record.
REQUIRED_PAGE_META = {
    "last_reviewed": "the date the page was last reviewed, as YYYY-MM-DD",
    "description": "one sentence that sums up the page (search engines and link previews show it)",
}
# Where define_env leaves this build's SearchWords for the page hooks and on_post_build.
SEARCH = "_kb_search_words"


def stop(problems: list[Problem]) -> None:
    for problem in problems:
        log.error(str(problem))
    raise BuildStop(f"{len(problems)} problem(s), listed above; fix them and build again.")


def data_fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.rglob("*.yml"))
    )


@functools.lru_cache(maxsize=4)
def load_once(data_dir: str, fingerprint: tuple) -> Knowledge:
    # Zensical runs define_env for every page: the cache keeps it to one load per change of data/.
    knowledge = load_knowledge(Path(data_dir))
    log.info("kb: loaded %d records from %s", knowledge.record_count, Path(data_dir).name + "/")
    return knowledge


def knowledge_for(project: Path) -> Knowledge:
    data_dir = project / "data"
    try:
        return load_once(str(data_dir), data_fingerprint(data_dir))
    except DataError as error:
        stop(error.problems)
        raise  # unreachable: stop() raises


def brand_for(project: Path, docs_dir: Path) -> Brand:
    try:
        brand = load_brand(project)
    except DataError as error:
        stop(error.problems)
        raise  # unreachable: stop() raises
    if brand.logo and not (docs_dir / brand.logo).is_file():
        stop([Problem("brand.yml", f"docs/{brand.logo} does not exist; put the picture there or leave `logo` out",
                      record="brand", field="logo")])
    return brand


def missing_condition_pages(knowledge: Knowledge, docs_dir: Path) -> list[Problem]:
    return [
        Problem(
            f"docs/{condition_page_path(c.id)}",
            f"is missing: condition '{c.id}' in data/conditions/ needs a page; create it with "
            f'the one line {{{{ condition_page("{c.id}") }}}}',
        )
        for c in knowledge.conditions.values()
        if not (docs_dir / condition_page_path(c.id)).is_file()
    ]


def missing_glossary_pages(knowledge: Knowledge, docs_dir: Path) -> list[Problem]:
    return [
        Problem("data/glossary.yml", f"docs/{t.page.split('#')[0]} does not exist; name a page in docs/",
                record=f"term '{t.term}'", field="page")
        for t in knowledge.glossary.values()
        if t.page and not (docs_dir / t.page.split("#")[0]).is_file()
    ]


def shared_text(project: Path, name: str) -> str:
    """A text from data/text/ that two pages show: its page and its printable copy."""
    folder = project / "data" / "text"
    file = folder / f"{name}.md"
    if not file.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.md") if p.stem != "README"))
        raise PageError(f"there is no data/text/{name}.md (known: {known})")
    return file.read_text(encoding="utf-8")


def page_path(page: Any) -> str:
    """The page's Markdown file relative to docs/: MkDocs has page.file, Zensical page.path."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else str(page.path)


def page_url(page: Any) -> str:
    """The page's address relative to the site, as the search index names it ('rights/')."""
    return getattr(page, "url", None) or page_path(page)


def lookup(records: dict[str, Any], key: str, noun: str, where: str) -> Any:
    if key not in records:
        close = difflib.get_close_matches(key, list(records), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise PageError(f"there is no {noun} with the id '{key}' in {where}{hint} (known: {', '.join(records)})")
    return records[key]


def define_env(env: Any) -> None:
    project = Path(env.project_dir)
    knowledge = knowledge_for(project)
    ABBREVIATIONS.use(knowledge)  # the glossary's tooltips, for every page of this build
    docs_dir = project / env.conf.get("docs_dir", "docs")
    # Only checked here: kb/config.py put brand.yml's settings in the configuration already.
    brand = brand_for(project, docs_dir)
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
        env.page.meta["description"] = f"{condition.title}: a one-page handout to print and share with the school team."
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

    @env.macro
    def sample_letter() -> str:
        """The letter asking for an evaluation, from data/text/request-letter.md."""
        return render_letter(shared_text(project, "request-letter"))

    @env.macro
    def meeting_checklist() -> str:
        """The IEP meeting checklist, from data/text/iep-checklist.md."""
        return render_checklist(shared_text(project, "iep-checklist"))

    @env.macro
    def print_hint() -> str:
        """The one line that tells a reader how to print the page (shown on screen only)."""
        return render_print_hint()

    @env.macro
    def contact() -> str:
        """How to reach the organisation that publishes the site, from brand.yml."""
        return render_contact(brand)

    @env.macro
    def local_help() -> str:
        """Places near the reader that help families, from brand.yml (nothing if none)."""
        return render_local_help(brand.local_help)

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
        return render_glossary(knowledge.glossary.values(), page_path(env.page))

    @env.macro
    def cite(id: str) -> str:  # noqa: A002
        """A link to one source, for a statement written by hand in a page."""
        return render_cite(lookup(knowledge.sources, id, "source", "data/sources.yml"))

    # Zensical runs define_env for each page, with no on_pre_page_macros: the page's dates here.
    page = getattr(env, "page", None)  # MkDocs has no page yet (it raises AttributeError)
    if page is not None:
        show_front_matter_review_dates(page.meta, knowledge.review)


# --- Checking a page before mkdocs-macros renders it (MkDocs only) -----------------------------


def template_line(error: BaseException) -> int | None:
    """The line of the page where Jinja was when the error happened."""
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return lines[-1] if lines else getattr(error, "lineno", None)


def explain_page_error(error: Exception, macros: dict[str, Any]) -> str:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"the macro is not written correctly: {error.message}"
    if isinstance(error, jinja2.UndefinedError):
        name = re.search(r"'([^']+)' is undefined", str(error))
        known = ", ".join(sorted(n for n in macros if not n.startswith("_")))
        what = f"'{name.group(1)}'" if name else str(error)
        return f"{what} is not a macro or variable of this site (macros: {known})"
    if isinstance(error, TypeError):
        # Python names a nested function by its full path: define_env.<locals>.condition_page()
        called = re.match(r"(?:[\w<>]+\.)*(\w+)\(\)(.*)", str(error))
        if called and called.group(1) in macros:
            name = called.group(1)
            takes = ", ".join(inspect.signature(macros[name]).parameters) or "nothing"
            return f"{name}(){called.group(2)}; {name}() takes: {takes}"
    return str(error)


def will_render(env: Any, meta: dict[str, Any], path: str) -> bool:
    if meta.get("render_macros") is False:
        return False
    return bool(meta.get("render_macros") or env.config["render_by_default"] or env.force_page_rendering(path))


# `{{ name(` or `{{ name }}`: how a page calls a macro or shows a variable.
MACRO_CALL = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\s*[(}|-]")


def unrendered_macros(markdown: str, macros: dict[str, Any]) -> list[str]:
    """The site's macros a page calls, in the order it calls them."""
    return list(dict.fromkeys(n for n in MACRO_CALL.findall(markdown) if n in macros and not n.startswith("_")))


def unrendered_page_problems(markdown: str, macros: dict[str, Any], file: str) -> list[Problem]:
    """Published as it is, a page that calls a macro would show "{{ cite(...) }}" to readers."""
    called = unrendered_macros(markdown, macros)
    if not called:
        return []
    return [Problem(file, f"calls {{{{ {called[0]}() }}}} but is not rendered, so readers would see that "
                    "text; add 'render_macros: true' to its front matter")]


def meta_problems(meta: dict[str, Any], markdown: str, file: str) -> list[Problem]:
    if not meta and markdown.startswith("---"):
        return [Problem(file, f"the front matter between the --- lines is not valid: {front_matter_error(markdown)}", line=1)]
    problems = [
        Problem(file, f"the front matter needs '{key}': {what}", line=1)
        for key, what in REQUIRED_PAGE_META.items()
        if not meta.get(key)
    ]
    if "search_words" in meta:
        problems += search_words_problems(meta["search_words"], file)
    reviewed = meta.get("last_reviewed")
    if reviewed and not isinstance(reviewed, dt.date):
        problems.append(Problem(file, f"'last_reviewed' must be a real date written as YYYY-MM-DD, not {reviewed!r}", line=1))
    return problems


def search_words_problems(words: Any, file: str) -> list[Problem]:
    """Front matter is not loaded through kb/records.py, so check it by the same rule here."""
    try:
        TypeAdapter(SearchWordList).validate_python(words)
    except ValidationError as error:
        first = error.errors()[0]
        where = "".join(f"[{p}]" for p in first["loc"])
        return [Problem(file, f"'search_words{where}' {first['msg'].lower()}: write a list of short phrases, "
                        "one per line starting with '- '", line=1)]
    return []


def front_matter_error(markdown: str) -> str:
    """Why MkDocs ignored a page's front matter (it does so silently)."""
    block = markdown.split("---", 2)[1] if markdown.count("---") >= 2 else markdown
    try:
        yaml.safe_load(block)
    except (yaml.YAMLError, ValueError) as error:
        return " ".join(str(error).split())
    return "it must be a list of name: value lines"


def on_pre_page_macros(env: Any) -> None:
    path = page_path(env.page)
    file = f"docs/{path}"
    meta = env.page.meta
    # Before the trial render, which gives a condition's pages the dates of its record.
    rule = knowledge_for(Path(env.project_dir)).review
    review_problems = front_matter_review_problems(meta, file, rule)
    show_front_matter_review_dates(meta, rule)
    if will_render(env, meta, path):
        try:
            # A trial render: the plugin renders again right after, but only we can say what went wrong plainly.
            env.env.from_string(env.markdown).render(**{**env.variables, **meta})
        except Exception as error:  # noqa: BLE001 - every failure becomes one line naming the page
            stop([Problem(file, explain_page_error(error, env.macros), line=template_line(error))])
    problems = meta_problems(meta, env.markdown, file) + review_problems
    if not problems and not will_render(env, meta, path):
        problems = unrendered_page_problems(env.markdown, env.macros, file)
    if problems:
        stop(problems)
    search = env.variables.get(SEARCH)
    if search is not None:
        search.page(path, page_url(env.page))
        search.add(page_url(env.page), meta.get("search_words") or [], file)


def on_post_build(env: Any) -> None:
    """The step after the build (kb/finish.py), with the search words this build collected."""
    problems = finish_site(Path(env.conf["site_dir"]), env.conf.get("site_url"), env.variables.get(SEARCH))
    if problems:
        stop(problems)
