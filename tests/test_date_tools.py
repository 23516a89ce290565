"""Tools a parent can use (issue 16): work out the date, and the steps drawn.

The date calculator says each federal deadline in words on the page, with its day count from
data/timeline.yml; in a browser, the day a parent types becomes the deadline's date in the
page's language, with a calendar file. The steps at a glance draw data/timeline.yml as one
numbered list, each deadline a label. Read in the built HTML, and used in Debian's chromium as
a parent would on a phone.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from browser import PHONE, SiteServer
from kb.load import load_knowledge
from kb.records import StateRule
from kb.render import render_date_calculator
from kb.translate import load_edition, translated

from conftest import NARROWEST, ROOT, Site, mkdocs_build, text

KNOWLEDGE = load_knowledge(ROOT / "data")
SPANISH = translated(KNOWLEDGE, load_edition(KNOWLEDGE, ROOT / "data", "es"))
STEPS = {step.id: step for step in KNOWLEDGE.timeline}
# Where the calculator is, and which counts each page's calculators start from.
CALCULATORS = {"eligibility/": ["consent", "eligibility-decision"], "request-an-evaluation/": ["consent"]}
# The day in the issue, and what each page must make of it (2026-09-01 + 60 days).
TYPED = "2026-09-01"
EXPECTED = {"eligibility/": "October 31, 2026", "es/eligibility/": "31 de octubre de 2026"}


def article(site: Site, url: str):
    return site.html(url).select_one("article")


def counting(start: str):
    return [step for step in KNOWLEDGE.timeline if step.counts_from == start]


# --- The facts behind it ------------------------------------------------------------------------


def test_the_counts_are_the_federal_rules_in_the_facts():
    """facts.md 11 and 25: 60 days from consent, 30 days from eligibility; 11a: calendar days."""
    evaluation, meeting = STEPS["evaluation"], STEPS["iep-meeting"]
    assert (evaluation.days, evaluation.day_kind, evaluation.counts_from) == (60, "calendar", "consent")
    assert (meeting.days, meeting.day_kind, meeting.counts_from) == (30, "calendar", "eligibility-decision")
    facts = (ROOT / "tests/reference/facts.md").read_text(encoding="utf-8")
    assert "must be done within 60 days of receiving consent" in facts
    assert "an IEP meeting within 30 days of the decision that the child is eligible" in facts
    assert '"day" means calendar day' in facts


# --- The page, without a browser ---------------------------------------------------------------


@pytest.mark.parametrize("url", CALCULATORS)
def test_each_calculator_says_its_rule_in_words_with_the_count_from_data(site, url):
    for start in CALCULATORS[url]:
        block = article(site, url).select_one(f'.kb-dates[data-kb-dates="{start}"]')
        assert block is not None, (url, start)
        for step in counting(start):
            rule = (f"Federal rule: {step.due_words} within {step.days} calendar days of {step.from_words}.")
            assert rule in [text(p) for p in block.select(".kb-dates-rule")], (url, start)
            count = block.select_one(f'.kb-dates-count[data-step="{step.id}"]')
            assert (count["data-days"], count["data-day-kind"], count["data-counts-from"]) == (
                str(step.days), step.day_kind, start)
            assert "{date}" in count["data-result"]  # the browser writes the date in its place
        # Without JavaScript there is no form to type into: dates.js shows it.
        assert block.select_one("form.kb-dates-form").has_attr("hidden")
        assert block.select_one("form label input[type=date]") is not None  # the label names the field
        assert all(r["aria-live"] == "polite" for r in block.select(".kb-dates-result"))


def test_the_spanish_pages_say_the_same_rules_in_spanish(spanish_site):
    block = article(spanish_site, "eligibility/").select_one('.kb-dates[data-kb-dates="consent"]')
    assert [text(p) for p in block.select(".kb-dates-rule")] == [
        "Regla federal: la evaluación debe estar terminada dentro de los 60 días calendario desde el día en que "
        "la escuela recibió su consentimiento firmado."]
    assert text(block.select_one("label")) == "El día en que la escuela recibió su consentimiento firmado"
    count = block.select_one(".kb-dates-count")
    assert count["data-days"] == "60" and count["data-result"].endswith("a más tardar el {date}.")
    assert article(spanish_site, "request-an-evaluation/").select_one('.kb-dates[data-kb-dates="consent"]')


def test_the_script_is_loaded_only_where_a_calculator_is(site, spanish_site):
    for edition, prefix in ((site, ""), (spanish_site, "es/")):
        for url in edition.pages():
            page = edition.html(url)
            loads = bool(page.select('script[src$="assets/kb/dates.js"]'))
            assert loads == bool(page.select("article [data-kb-dates]")), prefix + url
    assert {url for url in site.pages() if site.html(url).select("article [data-kb-dates]")} == set(CALCULATORS)


def test_the_script_holds_no_day_count():
    """The counts live in data/timeline.yml and reach the script through data- attributes."""
    script = (ROOT / "overrides/assets/kb/dates.js").read_text(encoding="utf-8")
    script = re.sub(r"/\*.*?\*/|(?m:^|\s)//[^\n]*", "", script, flags=re.DOTALL)  # the code, not its notes
    counts = {str(step.days) for step in KNOWLEDGE.timeline if step.days}
    assert counts == {"60", "30"}
    assert not [n for n in counts if re.search(rf"\b{n}\b", script)]
    assert "dataset.days" in script


def test_a_new_day_count_in_timeline_yml_changes_the_page(project, tmp_path):
    """The honest test that the number is not in a script: change the data, build, read."""
    timeline = project / "data/timeline.yml"
    data = timeline.read_text(encoding="utf-8")
    for old, new in (("Within 60 days of the day", "Within 45 days of the day"), ("days: 60", "days: 45")):
        assert old in data, old
        data = data.replace(old, new, 1)
    timeline.write_text(data, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    built = Site(tmp_path / "out")
    block = article(built, "eligibility/").select_one('.kb-dates[data-kb-dates="consent"]')
    assert block.select_one(".kb-dates-count")["data-days"] == "45"
    assert "within 45 calendar days of" in text(block)
    steps = text(article(built, "eligibility/").select_one("ol.kb-steps"))
    assert "Deadline: 45 calendar days after step 3" in steps


def test_a_state_that_counts_calendar_days_gets_its_own_date():
    """A fork's state rule with days and day_kind: calendar is counted beside the federal rule."""
    rule = StateRule(state="Oregon", step="evaluation", rule="Within 35 calendar days of your consent.",
                     days=35, day_kind="calendar", sources=["cfr-300-301"])
    html = render_date_calculator("consent", dataclasses.replace(KNOWLEDGE, state_rules=(rule,)), "Oregon")
    assert re.findall(r'data-days="(\d+)"', html) == ["60", "35"]
    assert "In Oregon: the evaluation must be done within 35 calendar days of" in html
    assert 'data-result="In Oregon: the evaluation must be done by {date}."' in html
    assert "counts school days" not in html


def test_a_state_that_counts_school_days_is_said_in_words_with_no_date(lakeside):
    block = article(lakeside, "eligibility/").select_one('.kb-dates[data-kb-dates="consent"]')
    said = [text(p) for p in block.select(".kb-dates-rule")]
    assert "In Oregon: the evaluation must be done within 60 school days of the day the school got your signed consent." in said
    assert "Oregon counts school days, so only the school can tell you the date for its rule. Ask the school for it." in said
    # One date only: the federal one. Oregon's school days give none.
    assert [c["data-day-kind"] for c in block.select(".kb-dates-count")] == ["calendar"]
    assert "In Oregon: 60 school days after step 3" in text(article(lakeside, "eligibility/").select_one("ol.kb-steps"))


# --- The steps at a glance ---------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["site", "spanish_site"])
def test_the_steps_at_a_glance_are_one_ordered_list_with_each_deadline_as_a_label(request, edition):
    built = request.getfixturevalue(edition)
    steps = SPANISH.timeline if edition == "spanish_site" else KNOWLEDGE.timeline
    drawn = article(built, "eligibility/").select_one("h2#steps-at-a-glance").find_next_sibling()
    assert drawn.name == "ol" and drawn.get("role") == "list" and "kb-steps" in drawn["class"]
    items = drawn.find_all("li", recursive=False)
    assert [text(li.a) for li in items] == [step.title for step in steps]
    assert [li.a["href"] for li in items] == [f"#{step.id}" for step in steps]
    number = {step.id: n for n, step in enumerate(steps, start=1)}
    for li, step in zip(items, steps):
        labels = [text(span) for span in li.select(".kb-step-deadline")]
        if step.days:
            kind = "días calendario" if edition == "spanish_site" else "calendar days"
            after = "después del paso" if edition == "spanish_site" else "after step"
            word = "Plazo" if edition == "spanish_site" else "Deadline"
            assert labels == [f"{word}: {step.days} {kind} {after} {number[step.counts_from]}"], step.id
        else:
            assert labels == [], step.id


# --- In a browser, as a parent uses it -----------------------------------------------------------


def phone_tab(browser, timezone: str = "America/Los_Angeles", viewport=PHONE):
    return browser.new_context(viewport=viewport, is_mobile=True, has_touch=True, accept_downloads=True,
                               timezone_id=timezone)


def type_date(page, start: str, day: str) -> str:
    block = page.locator(f'.kb-dates[data-kb-dates="{start}"]')
    block.locator("input[type=date]").fill(day)
    return block.locator(".kb-dates-result").first.inner_text()


# Far west and far east of UTC: a date read as local midnight would slip a day in one of them.
@pytest.mark.parametrize("timezone", ["America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
@pytest.mark.parametrize("url", EXPECTED)
def test_the_day_of_consent_gives_the_date_the_federal_60_days_end(server, browser, url, timezone):
    context = phone_tab(browser, timezone)
    page = context.new_page()
    page.goto(server.url + url)
    said = type_date(page, "consent", TYPED)
    context.close()
    assert EXPECTED[url] in said, said
    assert said.startswith("Regla federal:" if url.startswith("es/") else "Federal rule:")


def test_the_day_your_child_was_found_eligible_gives_the_30_day_meeting(server, browser):
    context = phone_tab(browser)
    page = context.new_page()
    page.goto(server.url + "eligibility/")
    said = type_date(page, "eligibility-decision", TYPED)
    region = page.locator('.kb-dates[data-kb-dates="eligibility-decision"] .kb-dates-result')
    live = region.get_attribute("aria-live")
    context.close()
    assert said == "Federal rule: the team must meet to write the IEP by October 1, 2026."
    assert live == "polite"  # screen readers announce the date as it appears


def test_the_request_page_works_out_the_same_date(server, browser):
    context = phone_tab(browser)
    page = context.new_page()
    page.goto(server.url + "request-an-evaluation/")
    said = type_date(page, "consent", TYPED)
    context.close()
    assert said == "Federal rule: the evaluation must be done by October 31, 2026."


def ics_lines(download) -> list[str]:
    raw = Path(download.path()).read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "every line ends in CRLF"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines longer than 75 bytes are folded"
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    return unfolded.split("\r\n")[:-1]


@pytest.mark.parametrize("url,summary", [("eligibility/", "SUMMARY:Deadline: The school tests your child"),
                                         ("es/eligibility/", "SUMMARY:Plazo: La escuela evalúa a su hijo")])
def test_the_calendar_file_holds_the_deadline_as_an_all_day_event(server, browser, url, summary):
    context = phone_tab(browser, "Pacific/Kiritimati")
    page = context.new_page()
    asked = []
    context.on("request", lambda r: asked.append(r.url) if not r.url.startswith((server.url, "blob:", "data:")) else None)
    page.goto(server.url + url)
    type_date(page, "consent", TYPED)
    link = page.locator('.kb-dates[data-kb-dates="consent"] a.kb-dates-ics')
    assert link.get_attribute("href").startswith("blob:")
    described = page.locator("#" + link.get_attribute("aria-describedby")).inner_text()
    with page.expect_download() as download:
        link.click()
    lines = ics_lines(download.value)
    filename = download.value.suggested_filename
    context.close()
    assert EXPECTED[url] in described  # a screen reader hears which date the link saves
    assert filename == "evaluation.ics" and not asked
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    assert "DTSTART;VALUE=DATE:20261031" in lines and "DTEND;VALUE=DATE:20261101" in lines
    assert summary in lines
    assert any(re.fullmatch(r"UID:\S+@\S+", line) for line in lines)
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)


def test_a_date_that_does_not_exist_asks_for_the_whole_date(server, browser):
    """Where a browser has no date picker, the field is text: 2026-02-30 gives no date."""
    context = phone_tab(browser)
    page = context.new_page()
    page.goto(server.url + "eligibility/")
    field = page.locator('.kb-dates[data-kb-dates="consent"] input')
    field.evaluate("input => { input.type = 'text' }")
    field.fill("2026-02-30")
    field.dispatch_event("change")
    said = page.locator('.kb-dates[data-kb-dates="consent"] .kb-dates-result').inner_text()
    saved = page.locator('.kb-dates[data-kb-dates="consent"] .kb-dates-save').is_visible()
    context.close()
    assert said == "Enter the whole date: month, day and year." and not saved


def test_the_steps_and_the_calculator_fit_the_narrowest_phone(server, browser):
    context = phone_tab(browser, viewport=NARROWEST)
    page = context.new_page()
    page.goto(server.url + "eligibility/")
    type_date(page, "consent", TYPED)
    widest = page.eval_on_selector_all(
        "ol.kb-steps li, .kb-step-deadline, .kb-dates, .kb-dates input, .kb-dates-result",
        "nodes => Math.max(...nodes.map(n => n.getBoundingClientRect().right))")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert widest <= NARROWEST["width"] and scroll <= NARROWEST["width"]


def test_a_fork_that_counts_school_days_shows_no_state_date(lakeside, browser):
    with SiteServer(lakeside.root) as served:
        context = phone_tab(browser)
        page = context.new_page()
        page.goto(served.url + "eligibility/")
        type_date(page, "consent", TYPED)
        results = page.locator('.kb-dates[data-kb-dates="consent"] .kb-dates-result').all_inner_texts()
        said = page.locator('.kb-dates[data-kb-dates="consent"]').inner_text()
        context.close()
    assert results == ["Federal rule: the evaluation must be done by October 31, 2026."]
    assert "Oregon counts school days" in said
