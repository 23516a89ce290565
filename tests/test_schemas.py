"""The JSON Schemas that editors' tools use agree with the build's own rules."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from kb.load import BRAND, KINDS, parse_yaml
from kb.schemas import SCHEMA_DIR, SCHEMA_KINDS, schema_name, schema_text

from conftest import ROOT

DATA = ROOT / "data"
FILES = [(kind, path) for kind in KINDS for path in sorted(DATA.glob(kind.pattern))] + [(BRAND, ROOT / BRAND.pattern)]


@pytest.mark.parametrize("kind", SCHEMA_KINDS, ids=lambda k: k.pattern)
def test_schema_files_are_up_to_date(kind):
    path = SCHEMA_DIR / schema_name(kind)
    assert path.read_text(encoding="utf-8") == schema_text(kind), (
        f"{path.name} is out of date with kb/records.py: run python3 dev.py schemas"
    )


@pytest.mark.parametrize(("kind", "path"), FILES, ids=[p.name for _, p in FILES])
def test_each_data_file_names_its_schema_and_passes_it(kind, path):
    text = path.read_text(encoding="utf-8")
    named = re.match(r"# yaml-language-server: \$schema=(\S+)", text)
    assert named, f"{path.name} does not name its schema on its first line"
    schema_path = (path.parent / named.group(1)).resolve()
    assert schema_path.name == schema_name(kind)
    _, data = parse_yaml(text, path.name)
    jsonschema.validate(data, json.loads(schema_path.read_text()), format_checker=jsonschema.FormatChecker())


def test_the_schema_flags_a_typo_as_the_build_does():
    schema = json.loads((SCHEMA_DIR / "condition.schema.json").read_text())
    _, data = parse_yaml((DATA / "conditions" / "autism.yml").read_text(), "autism.yml")
    data["titel"] = data.pop("title")
    with pytest.raises(jsonschema.ValidationError, match="titel"):
        jsonschema.validate(data, schema)


def test_vscode_maps_every_data_file_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapped = {schema.split("/")[-1]: globs for schema, globs in settings["yaml.schemas"].items()}
    assert set(mapped) == {schema_name(kind) for kind in SCHEMA_KINDS}
