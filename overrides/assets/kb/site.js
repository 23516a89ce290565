/* "Copy link" beside each heading (kb/reading_tools.py draws it: a link icon and the words). A tap,
 * a click, or Enter on it copies the section's full address, ready for a teacher to paste into an
 * email, and says so, on screen and to screen readers. The link still goes to the section and
 * puts its address in the address bar, as it does without JavaScript. */
(function () {
  "use strict"

  // The edition's words, chosen by <html lang> as Material chooses its own.
  var WORDS = { en: "Link copied", es: "Enlace copiado" }
  var copied = WORDS[(document.documentElement.lang || "en").slice(0, 2)] || WORDS.en

  // Made when the page is read, empty: a screen reader then hears each change of its words.
  var status
  document.addEventListener("DOMContentLoaded", function () {
    var main = document.querySelector("main")
    if (!main || !document.querySelector(".md-content .headerlink")) return
    status = document.createElement("p")
    status.className = "kb-copied"
    status.setAttribute("role", "status")
    main.append(status)
  })

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-content .headerlink")
    if (!link || !navigator.clipboard || !status) return
    navigator.clipboard.writeText(link.href).then(function () {
      say(copied)
    }, function () { /* no permission: the address bar still shows the link */ })
  })

  function say(text) {
    status.textContent = text
    clearTimeout(say.timer)
    say.timer = setTimeout(function () { status.textContent = "" }, 3000)
  }
})()
