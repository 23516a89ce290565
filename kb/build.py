"""What a build checks before any page, the same under MkDocs and Zensical: data/ loaded once
per change, brand.yml, and the pages that data/ needs. Also how a page is named under either
engine, and how the build stops: one line per problem, then one closing line.
"""

from __future__ import annotations

import functools
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

from kb.facts import FACTS_FILE
from kb.translate import SOURCE_LANGUAGE, load_edition, translated
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


@functools.lru_cache(maxsize=4)
def translated_once(data_dir: str, fingerprint: tuple, language: str) -> Knowledge:
    """data/ in another edition's words (kb/translate.py); says what lags behind the English."""
    english = load_once(data_dir, fingerprint)
    edition = load_edition(english, Path(data_dir), language)
    if edition.stale:
        log.info("kb: %d %s texts lag behind the English; python3 dev.py stale lists them", len(edition.stale), language)
    return translated(english, edition)


def knowledge_for(project: Path, language: str = SOURCE_LANGUAGE) -> Knowledge:
    """All of data/, checked, in the words of the edition being built."""
    data_dir = project / "data"
    try:
        if language == SOURCE_LANGUAGE:
            return load_once(str(data_dir), data_fingerprint(data_dir))
        return translated_once(str(data_dir), data_fingerprint(data_dir), language)
    except DataError as error:
        stop(error.problems)
        raise  # unreachable: stop() raises


def edition_language(config: Any) -> str:
    """The language of the edition a configuration builds: mkdocs.yml English, mkdocs.es.yml Spanish."""
    theme = config.get("theme") or {}
    language = theme.get("language") if isinstance(theme, dict) else getattr(theme, "get", lambda *_: None)("language")
    return language or SOURCE_LANGUAGE


def brand_for(project: Path, docs_dir: Path) -> Brand:
    try:
        brand = load_brand(project)
    except DataError as error:
        stop(error.problems)
        raise  # unreachable: stop() raises
    # The logo lives in docs/, the English pages' folder; the other editions point up to it.
    if brand.logo and not (project / "docs" / brand.logo).is_file():
        stop([Problem("brand.yml", f"docs/{brand.logo} does not exist; put the picture there or leave `logo` out",
                      record="brand", field="logo")])
    return brand


def missing_condition_pages(knowledge: Knowledge, docs_dir: Path) -> list[Problem]:
    return [
        Problem(
            f"{docs_dir.name}/{condition_page_path(c.id)}",  # docs/ or the Spanish docs-es/
            f"is missing: condition '{c.id}' in data/conditions/ needs a page; create it with "
            f'the one line {{{{ condition_page("{c.id}") }}}}',
        )
        for c in knowledge.conditions.values()
        if not (docs_dir / condition_page_path(c.id)).is_file()
    ]


def missing_glossary_pages(knowledge: Knowledge, docs_dir: Path) -> list[Problem]:
    return [
        Problem("data/glossary.yml", f"{docs_dir.name}/{t.page.split('#')[0]} does not exist; "
                f"name a page in {docs_dir.name}/",
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




# The other editions, each with its configuration beside mkdocs.yml: built into a folder of the
# English site named for its language, so one `mkdocs build` (or `mkdocs serve`) gives the whole
# site as it is published, /es/ included.
EDITIONS = {"es": "mkdocs.es.yml"}


def edition_command(engine: str, config: str, out: Path) -> list[str]:
    """How an engine builds one edition. Zensical takes no output folder: it writes where the
    configuration's site_dir says (mkdocs.es.yml: site/es), which is out when out is site/es."""
    if engine == "zensical":
        return [sys.executable, "-m", "zensical", "build", "--clean", "-f", config]
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(out)]


def failure_reason(output: list[str]) -> str:
    """What a failed build said last, without the traceback Zensical prints around it:
    "RuntimeError: Python error: PageError: there is no condition…" → "there is no condition…"."""
    errors = [line.rsplit("Error: ", 1)[-1].strip() for line in output
              if "Error: " in line and not line.startswith(" ")]
    return errors[-1] if errors else next((line.strip() for line in reversed(output) if line.strip()), "no message")


def build_other_editions(project: Path, site_dir: Path, engine: str = "mkdocs",
                         languages: tuple[str, ...] = tuple(EDITIONS)) -> None:
    """Build each other edition into site_dir/<language>/, after the English; stop with its own
    error lines if one fails. MkDocs runs this from on_post_build; Zensical runs no step after a
    build, so kb/after_build.py runs it with engine="zensical"."""
    if engine == "zensical" and languages and site_dir.resolve() != (project / "site").resolve():
        stop([Problem(EDITIONS[languages[0]], f"Zensical builds the other editions into site/<language>/ (their "
                      f"site_dir); build the English into site/ too, not {site_dir}")])
    for language in languages:
        config = EDITIONS[language]
        if not (project / config).is_file():
            log.info("kb: no %s, so no %s edition", config, language)
            continue
        result = subprocess.run(edition_command(engine, config, site_dir / language),
                                cwd=project, capture_output=True, text=True)
        if result.returncode:
            output = (result.stderr + result.stdout).splitlines()
            lines = [line for line in output if line.startswith("ERROR")]
            stop([Problem(config, line.split("-", 1)[-1].strip()) for line in lines[:-1]]
                 or [Problem(config, f"the {language} edition did not build: {failure_reason(output)}")])
        log.info("kb: the %s edition is in %s/", language, language)
