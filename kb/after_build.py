"""The step after the build, as a command: `python -m kb.after_build [SITE_DIR]`.

Run it after `zensical build` (SITE_DIR defaults to site/); `python3 dev.py build --zensical`
does both. A MkDocs build runs the same step itself (kb/finish.py, from on_post_build).
"""

from __future__ import annotations

import sys
from pathlib import Path

from kb.config import site_address  # the address the build was made for, from brand.yml or SITE_URL
from kb.finish import finish_site
from kb.project import PROJECT


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else PROJECT / "site"
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}: no built site here; build it first (zensical build)", file=sys.stderr)
        return 1
    finish_site(site_dir, site_address())
    print(f"kb: finished {site_dir} (print addresses for {site_address() or 'no address'})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
