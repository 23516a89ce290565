"""Checking a page before mkdocs-macros renders it (MkDocs only: Zensical has no such hook).

Any mistake in a page's macros or front matter becomes one clear line that names the page,
instead of the macros plugin's traceback; so does a page that calls a macro but would not be
rendered, which would show "{{ cite(...) }}" to readers.
"""

from __future__ import annotations

import inspect
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
import yaml

from kb.build import knowledge_for, page_path, stop
from kb.front_matter import front_matter_problems
from kb.load import Problem
from kb.records import ReviewRule
from kb.review import show_front_matter_review_dates

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


def meta_problems(meta: dict[str, Any], markdown: str, file: str, rule: ReviewRule) -> list[Problem]:
    if not meta and markdown.startswith("---"):
        return [Problem(file, f"the front matter between the --- lines is not valid: {front_matter_error(markdown)}", line=1)]
    return front_matter_problems(meta, file, rule, fields=("description", "last_reviewed", "search_words"))


def front_matter_error(markdown: str) -> str:
    """Why MkDocs ignored a page's front matter (it does so silently)."""
    block = markdown.split("---", 2)[1] if markdown.count("---") >= 2 else markdown
    try:
        yaml.safe_load(block)
    except (yaml.YAMLError, ValueError) as error:
        return " ".join(str(error).split())
    return "it must be a list of name: value lines"


def check_page(env: Any) -> None:
    """Stop the build with one line per problem in the page mkdocs-macros is about to render."""
    path = page_path(env.page)
    file = f"docs/{path}"
    meta = env.page.meta
    # Before the trial render, which gives a condition's pages the dates of its record.
    rule = knowledge_for(Path(env.project_dir)).review
    review_problems = front_matter_problems(meta, file, rule, fields=("next_review", "next_review_due"))
    show_front_matter_review_dates(meta, rule)
    if will_render(env, meta, path):
        try:
            # A trial render: the plugin renders again right after, but only we can say what went wrong plainly.
            env.env.from_string(env.markdown).render(**{**env.variables, **meta})
        except Exception as error:  # noqa: BLE001 - every failure becomes one line naming the page
            stop([Problem(file, explain_page_error(error, env.macros), line=template_line(error))])
    problems = meta_problems(meta, env.markdown, file, rule) + review_problems
    if not problems and not will_render(env, meta, path):
        problems = unrendered_page_problems(env.markdown, env.macros, file)
    if problems:
        stop(problems)


