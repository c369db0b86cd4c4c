// Material requests the whole search index as soon as a page loads: 80–140 KB gzipped on every first visit, also
// for a reader who never searches. This script, loaded before Material's, holds that one request back until the
// reader opens search (the search toggle changes, or the search field gets focus). Other requests are untouched.
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
