"""What a build checks before any page, the same under MkDocs and Zensical: data/ loaded once
per change, brand.yml, and the pages that data/ needs. Also how a page is named under either
engine, and how the build stops: one line per problem, then one closing line.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from kb.facts import FACTS_FILE
from kb.load import DataError, Problem, load_brand, load_knowledge
from kb.records import Brand, Knowledge
from kb.render import condition_page_path, published_address

log = logging.getLogger("mkdocs.plugins.kb")

try:
    from mkdocs.exceptions import PluginError as BuildStop  # MkDocs prints it as one line and exits 1
except ImportError:  # a build with Zensical alone has no MkDocs installed

    class BuildStop(RuntimeError):
        pass



def stop(problems: list[Problem]) -> None:
    for problem in problems:
        log.error(str(problem))
    raise BuildStop(f"{len(problems)} problem(s), listed above; fix them and build again.")


def data_fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """What the loaded data depends on: every YAML file in data/, and the facts rules are held
    against, so a preview reloads when either changes."""
    files = [*sorted(data_dir.rglob("*.yml")), data_dir.parent / FACTS_FILE]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


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


def page_path(page: Any) -> str:
    """The page's Markdown file relative to docs/: MkDocs has page.file, Zensical page.path."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else str(page.path)


def page_url(page: Any) -> str:
    """The page's address relative to the site, as the search index names it ('rights/')."""
    return getattr(page, "url", None) or published_address("", page_path(page)).lstrip("/")


