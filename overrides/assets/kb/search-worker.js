/* The site's search worker: Material's own, with the query prepared first (see `prepare`).
 *
 * Material adds a `*` to every word typed, so "a" in "can't hold a pencil" matches every word
 * that starts with "a" and buries the page about pencils. Here, little words (the stop words of
 * the index's language, lunr's: "a", "to", "can", "my", ... in English, "de", "la", "mi", "no",
 * ... in Spanish, and single letters like the "c" of "part c") are left out of the query before
 * Material reads it, unless the query has nothing else. A word that no word of the index begins
 * with is a typing slip ("autimo", "tdha", "escritrura"): it is searched with lunr's fuzzy match,
 * one letter off (two for a long word), so it finds the word the reader meant.
 * Material supports a custom worker in its configuration; search-setup.js points it here and
 * passes Material's worker as ?engine=.
 * tests/search_replica.py does the same in Python (prepare_query); keep the two alike.
 */
"use strict"

const SETUP = 0
const QUERY = 2
// In the copy that opens from disk this runs in an iframe (iframe-worker.js), whose location
// is the page's: the script's own address is then its script tag's.
const here = self.document && document.currentScript ? document.currentScript.src : self.location.href
const engine = new URL(here).searchParams.get("engine")

// Material's worker loads lunr's language files (Spanish: the stemmer support and lunr.es) from
// "../lunr/" beside itself, but it runs from this file's folder: send those requests to its own.
// From disk (iframe-worker.js), Material names the folder from its frame's first script, this
// file, cut at "/worker": no cut in this file's name, so it asks for "<this file's address>/lunr/".
const ownImport = self.importScripts.bind(self)
const ours = [new URL("../lunr/", here).href, here.split("/worker")[0] + "/lunr/"]
const materials = new URL("../lunr/", engine).href
function beside(url) {  // Material asks for "../lunr/min/lunr.es.min.js", relative to this file
  const absolute = new URL(url, here).href
  const prefix = ours.find(folder => absolute.startsWith(folder))
  return prefix ? materials + absolute.slice(prefix.length) : url
}
self.importScripts = (...urls) => ownImport(...urls.map(beside))

// Material's worker registers its message handler with addEventListener: keep it, and call it
// ourselves with the changed query.
const handlers = []
const listen = self.addEventListener.bind(self)
self.addEventListener = (type, handler, ...options) =>
  type === "message" ? handlers.push(handler) : listen(type, handler, ...options)
// Material's worker (12 KB gzipped) loads with the first message, which carries the index: a
// reader who never opens search never downloads either (search-setup.js holds the index back).
// importScripts returns at once in a worker, and a promise in iframe-worker.js.
let ready = null
function loadEngine() {
  if (!ready) ready = Promise.resolve(self.importScripts(engine))
  return ready
}

let separator = /[\s\-]+/
let language = "en"  // the index's, from its config: the stop words are that language's
let vocabulary = []  // every word of the index, to tell a typing slip from a word it has
const SYNTAX = /^[+\-"]|"$|[:~^*]/  // search syntax (+must -not "both" field: ~fuzzy): Material's to read

// The query as Material should see it: split at punctuation as the index is; little words
// left out, unless nothing else is left; a two-letter word matching only itself. Material
// leaves a word ending in ^1 (a boost of 1: no change) without its `*`, so "ot" no longer
// matches "ota" and "otr" and sends every question about OT to the page on assistants.
function prepare(query) {
  const lunr = self.lunr
  const isStopWord = lunr && (language === "en" ? lunr : lunr[language] || {}).stopWordFilter
  if (!isStopWord) return query  // not Material's lunr worker (Zensical): leave it be
  const words = query.trim().split(/\s+/).flatMap(word =>
    SYNTAX.test(word) ? [word] : word.split(separator).filter(Boolean))
  const kept = words.filter(word =>
    SYNTAX.test(word) || (!/^[a-z]$/i.test(word) && isStopWord(word.toLowerCase())))
  if (!kept.length) return query
  return kept.map(word => /^[a-z0-9]{2}$/i.test(word) ? `${word}^1` : mended(word)).join(" ")
}

// "autimo" → "autimo~1": a word of four letters or more that no word of the index begins with
// (Material adds `*`, so a beginning is enough) is searched one letter off, or two from eight
// letters. Short words stay as typed: one letter off, "ot" is every two-letter word.
function mended(word) {
  const typed = word.toLowerCase()
  if (SYNTAX.test(word) || typed.length < 4 || vocabulary.some(known => known.startsWith(typed))) return word
  return `${word}~${typed.length >= 8 ? 2 : 1}`
}

// The index's words, split as the index splits them (tags left out), lower-cased: all fields.
function wordsOf(docs, fields, split) {
  const words = new Set()
  for (const doc of docs)
    for (const field of fields)
      for (const text of [].concat(doc[field] ?? []))
        for (const word of String(text).replace(/<[^>]*>/g, " ").split(split))
          if (word) words.add(word.toLowerCase())
  return [...words]
}

listen("message", event => {
  let message = event.data
  const config = message && message.type === SETUP && message.data?.config
  if (config?.separator) separator = new RegExp(config.separator)
  if (config?.lang?.length === 1) language = config.lang[0]
  if (config) vocabulary = wordsOf(message.data.docs, Object.keys(config.fields), separator)
  loadEngine().then(() => {  // prepare() needs the engine's lunr, which may load late from disk
    if (message && message.type === QUERY && typeof message.data === "string")
      message = { ...message, data: prepare(message.data) }
    for (const handler of handlers)
      handler({ data: message })
  })
})
