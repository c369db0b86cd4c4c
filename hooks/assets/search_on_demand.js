// Material starts its search worker (12–17 KB gzipped with the Russian stemmer) and requests the whole search index
// (80–140 KB) as soon as a page loads, on every first visit, also for a reader who never searches. This script,
// loaded before Material's, holds both back until the reader opens search (the search toggle changes, or the search
// field gets focus): the index request waits, and the worker is a stand-in that starts the real one then.
// Other requests and workers are untouched, and so is the file:// copy (Material waits there by itself).
;(function () {
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/
  var opened = false
  var waiting = []

  function searchOpened() {
    if (opened) return
    opened = true
    waiting.splice(0).forEach(function (go) { go() })
  }
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) searchOpened()
  }, true)
  document.addEventListener("focusin", function (event) {
    if (event.target.name === "query") searchOpened()
  }, true)

  if (location.protocol === "file:") return

  var NativeWorker = window.Worker
  var SEARCH_WORKER = /\/workers\/search[.-][^/]*\.js(?:[?#]|$)/
  if (NativeWorker) {
    window.Worker = function (url, options) {
      if (opened || !SEARCH_WORKER.test(String(url))) return new NativeWorker(url, options)
      var real = null
      var listeners = []
      var messages = []
      // What Material uses of a worker: message listeners (rxjs fromEvent) and postMessage.
      var standIn = {
        addEventListener: function () {
          listeners.push(arguments)
          if (real) real.addEventListener.apply(real, arguments)
        },
        removeEventListener: function () {
          if (real) real.removeEventListener.apply(real, arguments)
        },
        postMessage: function () {
          if (real) real.postMessage.apply(real, arguments)
          else messages.push(arguments)
        },
        terminate: function () { if (real) real.terminate() }
      }
      waiting.push(function () {
        real = new NativeWorker(url, options)
        listeners.forEach(function (args) { real.addEventListener.apply(real, args) })
        messages.splice(0).forEach(function (args) { real.postMessage.apply(real, args) })
      })
      return standIn
    }
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndexRequest = INDEX.test(String(url))
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var request = this
    var args = arguments
    if (request.searchIndexRequest && !opened) {
      waiting.push(function () { send.apply(request, args) })
      return
    }
    return send.apply(request, args)
  }
})()
