"""Write the JSON Schemas that editors' tools use for data/, from the record classes.

    python3 dev.py schemas

VS Code's YAML extension reads them (see .vscode/settings.json and the first line of each
YAML file), so an editor gets autocomplete and sees a typo before the build does.
A test fails when the files here are older than kb/records.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from kb.load import BRAND, KINDS, Kind

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


def schema_name(kind: Kind) -> str:
    stem = kind.pattern.split("/")[0].removesuffix(".yml")
    return f"{stem.removesuffix('s') if kind.one_per_file else stem}.schema.json"


def schema_for(kind: Kind) -> dict:
    shape = kind.model if kind.one_per_file else list[kind.model]
    schema = TypeAdapter(shape).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"A list of {kind.noun}s" if not kind.one_per_file else kind.model.__name__)
    return schema


def schema_text(kind: Kind) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


# Every file an editor writes: data/, and the organisation's brand.yml at the top.
SCHEMA_KINDS = (*KINDS, BRAND)


def main() -> None:
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for kind in SCHEMA_KINDS:
        path = SCHEMA_DIR / schema_name(kind)
        path.write_text(schema_text(kind), encoding="utf-8")
        print(f"wrote {path.relative_to(SCHEMA_DIR.parent.parent)}")


if __name__ == "__main__":
    main()
