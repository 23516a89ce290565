"""The step after the build, as a command: `python -m kb.after_build [SITE_DIR]`.

Run it after `zensical build` (SITE_DIR defaults to site/); `python3 dev.py build --zensical`
does both. A MkDocs build runs the same step itself (kb/finish.py, from on_post_build).

Zensical empties site/ on every build and runs no step after it, so after it the other editions
(site/es/) are missing: this builds them with Zensical, as MkDocs' on_post_build does with MkDocs.
After a MkDocs build none is missing, and this only finishes what is already finished.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kb.build import EDITIONS, BuildStop, build_other_editions
from kb.config import site_address  # the address the build was made for, from brand.yml or SITE_URL
from kb.finish import finish_editions, finish_site
from kb.project import PROJECT


def missing_editions(site_dir: Path) -> tuple[str, ...]:
    return tuple(language for language in EDITIONS if not (site_dir / language / "index.html").is_file())


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    site_dir = Path(argv[0]) if argv else PROJECT / "site"
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}: no built site here; build it first (zensical build)", file=sys.stderr)
        return 1
    try:
        build_other_editions(PROJECT, site_dir, engine="zensical", languages=missing_editions(site_dir))
    except BuildStop as error:
        print(f"kb: {error}", file=sys.stderr)
        return 1
    finish_site(site_dir, site_address())  # every edition: its folder is part of the address
    finish_editions(site_dir, site_address())
    print(f"kb: finished {site_dir} (print addresses for {site_address() or 'no address'})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
