// Material's search worker, loaded on the first message and changed in one way: each query word is also matched by
// its stem.
// - Loaded late: the page starts this small worker at once, but Material's worker (12 KB gzipped, and the stemmers it
//   loads) comes only with the first message, which Material sends when the reader opens search and the index has
//   arrived (hooks/search_assets.py makes Material's bundle fetch the index only then).
// - Stems: Material appends "*" to every query word, and lunr runs no stemmer on a word with a wildcard, so a Russian
//   word typed in another case ("полиция") never met the stemmed index term ("полиц"). Here each such word also
//   searches its stem as a prefix. Languages without a stemmer (Georgian, English here) are unchanged.
// The hook hooks/search_assets.py writes this file next to Material's worker and fills in its name.
;(function () {
  var loaded = false

  function stemQueries() {
    var presence = lunr.Query.presence
    lunr.Index.prototype.search = function (text) {
      var pipeline = this.pipeline
      return this.query(function (query) {
        new lunr.QueryParser(text, query).parse()
        var stems = []
        query.clauses.forEach(function (clause) {
          if (clause.usePipeline || clause.presence === presence.PROHIBITED) return
          var word = clause.term.replace(/^\*+|\*+$/g, "")
          if (!word || word.indexOf("*") !== -1) return
          pipeline.runString(word).forEach(function (stem) {
            if (stem && stem !== word) {
              stems.push({ term: stem, fields: clause.fields, boost: clause.boost, usePipeline: false,
                           wildcard: lunr.Query.wildcard.TRAILING, presence: presence.OPTIONAL })
            }
          })
        })
        stems.forEach(function (clause) { query.clause(clause) })
      })
    }
  }

  // The file:// copy runs workers in an iframe (hooks/assets/iframe-worker/): there Material's worker loads at once.
  if (self.location.protocol === "file:") {
    importScripts("__MATERIAL_WORKER__")
    stemQueries()
    return
  }
  // Material's worker adds its own message listener when it loads; a listener added while a message is being
  // handled does not receive that message, so it is sent again once, to Material's listener.
  self.addEventListener("message", function (event) {
    if (loaded) return
    loaded = true
    importScripts("__MATERIAL_WORKER__")
    stemQueries()
    self.dispatchEvent(new MessageEvent("message", { data: event.data }))
  })
})()
