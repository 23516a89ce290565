"""The publishing workflow stays safe unattended: pinned actions, least permissions, updates.

A tag such as `@v4` can be moved to other code by whoever controls the action; a full commit
SHA cannot. The version goes in a comment so people and Dependabot can read it.
"""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:- )?uses:\s*(\S+)(.*)$", re.MULTILINE)


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    assert WORKFLOWS
    loose = []
    for workflow in WORKFLOWS:
        for action, rest in USES.findall(workflow.read_text(encoding="utf-8")):
            if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action) or not re.match(r"\s*# v\d", rest):
                loose.append(f"{workflow.name}: {action}{rest}")
    assert not loose, loose


def test_each_job_gets_only_the_permissions_it_names():
    for workflow in WORKFLOWS:
        spec = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert spec.get("permissions") == {}, f"{workflow.name}: set `permissions: {{}}` at the top"
        for name, job in spec["jobs"].items():
            granted = job.get("permissions") or {}
            assert all(level in ("read", "none") or (scope, level) in {("pages", "write"), ("id-token", "write")}
                       for scope, level in granted.items()), f"{workflow.name}: job {name} gets {granted}"
            writes = {scope for scope, level in granted.items() if level == "write"}
            assert not writes or name == "deploy", f"{workflow.name}: only deploy writes, {name} gets {writes}"


def test_dependabot_proposes_updates_to_the_actions_and_the_pins_weekly():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    weekly = {u["package-ecosystem"] for u in config["updates"] if u["schedule"]["interval"] == "weekly"}
    assert {"github-actions", "pip"} <= weekly
