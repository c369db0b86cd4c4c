// Material's search worker with one change: each query word is also matched by its stem.
// Material appends "*" to every query word, and lunr runs no stemmer on a word with a wildcard, so a Russian word
// typed in another case ("полиция") never met the stemmed index term ("полиц"). Here each such word also searches
// its stem as a prefix. Languages without a stemmer (Georgian, English here) are unchanged.
// The hook hooks/search_assets.py writes this file next to Material's worker and fills in its name.
importScripts("__MATERIAL_WORKER__")

;(function () {
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
})()
