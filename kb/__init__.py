"""The knowledge base's own code: data/ is checked here and turned into Markdown for pages.

    records.py  what a valid record is (the schemas editors' tools use are exported from it)
    load.py     YAML files → checked records, or one clear line per problem
    render.py   records → Markdown
    project.py  the project folder, and the one list of what a build reads
    config.py   brand.yml's settings and the watch list, read into mkdocs.yml by both engines
    build.py    what a build checks before any page (data loaded once, brand.yml, pages data needs)
    macros.py   the macros pages call, wired into mkdocs-macros and Zensical
    page_checks.py  each page checked before it renders: one clear line per mistake
    finish.py   the step after the build (print addresses, search words), for either engine;
                after_build.py runs it as a command after `zensical build`
    search.py   adds the words people type (search_words in data) to the search index
    review.py   each page's review dates, and the list of pages due (python3 dev.py review)
    schemas.py  writes data/schemas/*.schema.json

mkdocs-macros imports this package (`module_name: kb` in mkdocs.yml). Zensical instead runs
this file by its path, once per page, without the project folder on sys.path: adding it lets
the modules below be imported once and cached, as under MkDocs.
"""

import os
import sys
from pathlib import Path

_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

# MkDocs reads kb (mkdocs.yml names kb.config) before it loads any plugin or theme, so this is
# early enough to silence two banners for every command, `mkdocs serve` included, the way each
# banner says: the mkdocs-redirects plugin's (ProperDocs) and Material's. The README explains
# the choice of engine they are about (MkDocs 1.6 for now; ProperDocs; Zensical).
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from kb.macros import define_env, on_post_build, on_pre_page_macros  # noqa: E402

__all__ = ["define_env", "on_post_build", "on_pre_page_macros"]
