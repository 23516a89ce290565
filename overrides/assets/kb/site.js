/* "Copy link to this section". A tap or click on the ¶ beside a heading copies the section's
 * full address, ready for a teacher to paste into an email, and says so. The ¶ still goes to
 * the section and puts its address in the address bar, as it does without JavaScript. */
(function () {
  "use strict"

  document.addEventListener("DOMContentLoaded", function () {
    var links = document.querySelectorAll(".md-content .headerlink")
    for (var i = 0; i < links.length; i++) {
      var heading = links[i].parentElement.textContent.replace(/\u00b6$/, "").trim()
      // A screen reader would read the ¶ sign alone; say what the link does instead.
      links[i].setAttribute("aria-label", "Copy link to this section: " + heading)
      links[i].title = "Copy link to this section"
    }
  })

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-content .headerlink")
    if (!link || !navigator.clipboard) return
    navigator.clipboard.writeText(link.href).then(function () {
      say("Link to this section copied")
    }, function () { /* no permission: the address bar still shows the link */ })
  })

  function say(text) {
    var status = document.querySelector(".kb-copied")
    if (!status) {
      status = document.createElement("p")
      status.className = "kb-copied"
      status.setAttribute("role", "status")
      document.querySelector("main").append(status)
    }
    status.textContent = text
    status.hidden = false
    clearTimeout(say.timer)
    say.timer = setTimeout(function () { status.hidden = true }, 3000)
  }
})()
