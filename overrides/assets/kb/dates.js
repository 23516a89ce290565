/* Work out the date (kb/render.py, render_date_calculator). A parent types the day a count
 * starts; each deadline that counts from it appears as a date, written as the page's language
 * writes dates, with a calendar file to save it. Every number and word comes from the page:
 * the data-* attributes made from data/timeline.yml, data/state-rules.yml and kb/words.py.
 * Without this script the form stays hidden and the page still says each rule in words.
 * main.html loads it only on pages that have the calculator. */
(function () {
  "use strict"

  var DAY = 86400000
  var language = document.documentElement.lang || "en"

  /* "2026-09-01" → that day at midnight UTC, in ms; NaN for anything else, 2026-02-30 too.
   * UTC from start to end: no time zone or change of clocks can move a date by a day. */
  function parse(value) {
    var part = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "")
    if (!part) return NaN
    var time = Date.UTC(+part[1], +part[2] - 1, +part[3])
    return new Date(time).getUTCDate() === +part[3] ? time : NaN
  }

  function longDate(time) {
    return new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })
      .format(new Date(time))
  }

  function compact(time) { // 20261031
    return new Date(time).toISOString().slice(0, 10).replace(/-/g, "")
  }

  /* A calendar file (RFC 5545): one all-day event, CRLF line ends, long lines folded. */
  function calendarFile(count, due, sentence) {
    var host = location.hostname || "offline"
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//" + host + "//dates.js//" + language.toUpperCase(),
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
      "UID:" + count.dataset.step + "-" + compact(due) + "@" + host,
      "DTSTAMP:" + new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, ""),
      "DTSTART;VALUE=DATE:" + compact(due),
      "DTEND;VALUE=DATE:" + compact(due + DAY),
      "SUMMARY:" + escapeText(count.dataset.event),
      "DESCRIPTION:" + escapeText(sentence),
      "TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR"
    ]
    return lines.map(fold).join("\r\n") + "\r\n"
  }

  function escapeText(text) {
    return text.replace(/[\\;,]/g, "\\$&").replace(/\n/g, "\\n")
  }

  function fold(line) { // at most 75 bytes a line; a continued line starts with a space
    var out = "", bytes = 0
    Array.from(line).forEach(function (character) {
      var size = new TextEncoder().encode(character).length
      if (bytes + size > 75) { out += "\r\n "; bytes = 1 }
      out += character
      bytes += size
    })
    return out
  }

  function show(count, start, badDate) {
    var result = count.querySelector(".kb-dates-result")
    var save = count.querySelector(".kb-dates-save")
    var link = save.querySelector("a")
    if (link.href) URL.revokeObjectURL(link.href)
    link.removeAttribute("href")
    save.hidden = true
    if (isNaN(start)) {
      say(result, badDate)
      return
    }
    var due = start + Number(count.dataset.days) * DAY
    var sentence = count.dataset.result.replace("{date}", longDate(due))
    say(result, sentence)
    link.href = URL.createObjectURL(new Blob([calendarFile(count, due, sentence)], { type: "text/calendar;charset=utf-8" }))
    save.hidden = false
  }

  function say(region, text) { // the same words again are not news to a screen reader
    if (region.textContent !== text) region.textContent = text
  }

  function setUp(form, number) {
    var input = form.querySelector("input")
    var counts = form.querySelectorAll(".kb-dates-count[data-day-kind='calendar']")
    // Each calendar link is described by its sentence. The ids are made here, not in the page:
    // every id in a page is an address the site keeps for good.
    for (var i = 0; i < counts.length; i++) {
      var result = counts[i].querySelector(".kb-dates-result")
      result.id = "kb-dates-" + number + "-" + i
      counts[i].querySelector(".kb-dates-ics").setAttribute("aria-describedby", result.id)
    }
    function update(event) {
      var start = parse(input.value)
      // A half-typed date (where there is no date picker) is only a mistake once the reader leaves the field.
      var badDate = input.value && event.type === "change" ? input.dataset.badDate : ""
      for (var i = 0; i < counts.length; i++) show(counts[i], start, i ? "" : badDate) // said once
    }
    input.addEventListener("input", update)
    input.addEventListener("change", update)
    form.addEventListener("submit", function (event) { event.preventDefault() })
    form.hidden = false
    if (input.value) update({ type: "change" }) // a date the browser kept from before
  }

  if (!window.Intl || !window.Blob || !window.URL || !window.TextEncoder) return // the rule in words stays, with no dead form
  var forms = document.querySelectorAll(".kb-dates-form")
  for (var i = 0; i < forms.length; i++) setUp(forms[i], i)
})()
