/* Runs before Material's script: points the search box at the site's own worker
 * (search-worker.js), holds back the search index until a reader opens search, and helps a
 * reader whose words find nothing. */
(function () {
  "use strict"
  var element = document.getElementById("__config")
  if (!element) return
  var config = JSON.parse(element.textContent)
  // The words this script adds, in the page's language (the Spanish edition is <html lang="es">).
  var words = {
    en: {none: "No page matches these words. Try one or two simple words, like \u201cpencil\u201d or \u201clunch\u201d.",
         notFinding: "Not finding it? ", everyTopic: "See every topic", orGlossary: ", or look up a word in the ",
         glossary: "glossary"},
    es: {none: "Ninguna p\u00e1gina tiene estas palabras. Pruebe una o dos palabras sencillas, como \u201cl\u00e1piz\u201d o \u201calmuerzo\u201d.",
         notFinding: "\u00bfNo lo encuentra? ", everyTopic: "Vea todos los temas", orGlossary: ", o busque una palabra en el ",
         glossary: "glosario"}
  }[document.documentElement.lang === "es" ? "es" : "en"]
  var worker = new URL("search-worker.js", document.currentScript.src)
  worker.searchParams.set("engine", new URL(config.search, document.baseURI).href)
  config.search = worker.href
  config.translations["search.result.none"] = words.none
  element.textContent = JSON.stringify(config)

  // The index is the heaviest file of a first visit (about 35 KB gzipped, a third of it).
  // Material asks for it as every page loads; most readers never search. So its request waits
  // until a reader moves toward search: touches or clicks the search button or box, or focuses
  // the box (Material's keyboard shortcuts focus it too).
  var opened = new Promise(function (resolve) {
    function toward(event) {
      var target = event.target
      if (target.closest && target.closest(".md-search, [for='__search']")) resolve()
    }
    document.addEventListener("pointerdown", toward, true)
    document.addEventListener("focusin", toward, true)
    document.addEventListener("change", function (event) {
      if (event.target.id === "__search") resolve()
    }, true)
  })
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbIsSearchIndex = /\/search\/search_index\.json$/.test(String(url))
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var request = this, body = arguments
    if (!request.kbIsSearchIndex) return send.apply(request, body)
    opened.then(function () { send.apply(request, body) })
  }

  // Under the results, always: where to go when the words do not find it.
  document.addEventListener("DOMContentLoaded", function () {
    var results = document.querySelector(".md-search__scrollwrap")
    if (!results) return
    var base = new URL(config.base.replace(/\/?$/, "/"), document.baseURI)
    var help = document.createElement("p")
    help.className = "kb-search-help"
    help.append(words.notFinding)
    help.append(link(words.everyTopic, new URL("#all-topics", base)))
    help.append(words.orGlossary)
    help.append(link(words.glossary, new URL("glossary/", base)))
    help.append(".")
    results.append(help)
  })

  function link(text, url) {
    var a = document.createElement("a")
    a.href = url.href
    a.textContent = text
    return a
  }
})()
