// The site's search as a reader's browser runs it, in node: the published worker files, loaded into a sandbox that
// stands in for a web worker (importScripts, postMessage, message events), so the bench and the tests measure the
// very lunr, pipeline and query code that readers get. Used by bench/search_quality.py and tests/test_search_*.py.
//
// Reads one JSON request on stdin, writes one JSON answer on stdout:
//   {"root": site folder, "worker": worker path inside it, "index": index path inside it (or "docs" + "config"),
//    "queries": ["...", ...], "setups": 1}
//     -> {"setup_ms": [CPU ms to build the index, per setup], "terms": index terms,
//         "results": {query: [[location, score, {term: found}], ...]}}
//     Results keep Material's order: one entry per page, its best location (a page or one of its sections) first.
//   {"scripts": [absolute paths], "stem": {"language": "ka", "words": [...]}}
//     -> {"stems": [...]}: lunr[language].stemmer over each word, as the index pipeline applies it.
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")

function sandbox(root, workerPath) {
  const target = new EventTarget()
  const posted = []
  const base = new URL("http://localhost/" + (workerPath || "worker.js"))
  const scope = {
    console, URL, URLSearchParams, MessageEvent, setTimeout, clearTimeout,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    postMessage: message => posted.push(message),
    location: base,
  }
  scope.self = scope
  scope.importScripts = (...urls) => {
    for (const url of urls) {
      const file = path.isAbsolute(url) && fs.existsSync(url) ? url : path.join(root, new URL(url, base).pathname)
      vm.runInContext(fs.readFileSync(file, "utf8"), scope, { filename: file })
    }
  }
  vm.createContext(scope)
  return { scope, posted }
}

// Send one message and wait for the worker's answer (Material's handler is asynchronous).
async function send(box, data) {
  const before = box.posted.length
  box.scope.dispatchEvent(new MessageEvent("message", { data }))
  while (box.posted.length === before) await new Promise(resolve => setImmediate(resolve))
  return box.posted[box.posted.length - 1]
}

async function search(request) {
  const root = request.root
  const index = request.index
    ? JSON.parse(fs.readFileSync(path.join(root, request.index), "utf8"))
    : { config: request.config, docs: request.docs }
  const setupMs = []
  let box
  for (let i = 0; i < (request.setups || 1); i++) {
    box = sandbox(root, request.worker)
    box.scope.importScripts(new URL("http://localhost/" + request.worker).href)
    const start = process.cpuUsage()
    const ready = await send(box, { type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } })
    const used = process.cpuUsage(start)
    setupMs.push((used.user + used.system) / 1000)
    if (ready.type !== 1) throw new Error("the worker did not answer the index with READY: " + JSON.stringify(ready))
  }
  const results = {}
  for (const query of request.queries || []) {
    const answer = await send(box, { type: 2, data: query })
    results[query] = answer.data.items.map(group => [group[0].location, group[0].score, group[0].terms])
  }
  let terms = null
  box.scope.lunr.Index.prototype.hrCount = function () { return Object.keys(this.invertedIndex).length }
  const probe = box.scope.lunr.Index.prototype.search
  box.scope.lunr.Index.prototype.search = function (text) { terms = this.hrCount(); return probe.call(this, text) }
  await send(box, { type: 2, data: "x" })
  return { setup_ms: setupMs, terms, results }
}

function stem(request) {
  const box = sandbox("/", null)
  for (const script of request.scripts) box.scope.importScripts(script)
  const lunr = box.scope.lunr
  const stemmer = lunr[request.stem.language].stemmer
  return { stems: request.stem.words.map(word => stemmer(new lunr.Token(word, {})).toString()) }
}

let input = ""
process.stdin.setEncoding("utf8")  // decoded as a whole stream: a letter may be split between two chunks
process.stdin.on("data", chunk => { input += chunk })
process.stdin.on("end", async () => {
  const request = JSON.parse(input)
  const answer = request.stem ? stem(request) : await search(request)
  process.stdout.write(JSON.stringify(answer))
})
