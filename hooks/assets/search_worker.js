// Material's search worker, loaded on the first message, with the reader's query widened to the forms of its words.
// hooks/search_assets.py writes this file next to Material's worker and fills in its name.
//
// What it adds, and why:
// - Word forms. Material appends "*" to every query word, and lunr runs no stemmer on a word with a wildcard, so
//   "overdosing", "налоксона" or "ნალოქსონით" only ever met index terms starting with those very letters. Here each
//   word also searches its stem (by the index's own stemmer: lunr's English and Russian ones, lunr.ka for Georgian)
//   as a prefix. A page that has the very form typed still ranks above one with another form of the word, and a
//   query that finds nothing is tried again with its words cut back a letter at a time (to 4 letters).
// - Typing habits. On the Georgian index a word in Latin letters ("naloqsoni", "mimartva") is read as Georgian: it
//   finds the index terms that spell the same when letters typed alike (t: თ or ტ, k: კ, ქ or ყ, ...) are folded
//   together. On the Russian index a word typed with the English keyboard layout ("yfkjrcjy") is read as the Russian
//   it was meant to be ("налоксон"). Everywhere, ё is read as е and Mtavruli capitals as everyday Georgian letters.
// - What Material shows. A word found only through one of these variants is not listed as "Missing" under a result,
//   and the link to the page highlights the form that was found there (?h=ნალოქსონ, not ?h=naloqsoni).
// - Loaded late: the page starts this small worker at once, but Material's worker (12 KB gzipped, and the lunr
//   languages it loads) comes only with the first message, which Material sends when the reader opens search.
;(function () {
  var SETUP = 0, QUERY = 2, RESULT = 3
  var MIN_LETTERS = 3   // shorter Latin words are not read as Georgian or Russian
  var MAX_TERMS = 60    // index terms one Latin word may expand to
  var SHORTEST_CUT = 4  // a word is cut back no further than this, when nothing is found
  var loaded = false
  var languages = []
  var documents = {}    // the index's documents by location, from the setup message
  var foldedText = {}   // location -> its title and text folded, made when first needed
  var rawQuery = ""
  var highlights = {}   // result location -> {query term: index term found for it}, for the last query

  // Latin as typed for Georgian: letter pairs first. Where a Latin letter stands for several Georgian ones, any of
  // them will do: LOOSE folds them together before the index terms are compared.
  var LATIN = [["tch", "ჭ"], ["sh", "შ"], ["ch", "ჩ"], ["zh", "ჟ"], ["kh", "ხ"], ["gh", "ღ"], ["dz", "ძ"],
               ["ts", "ც"], ["tz", "ც"], ["ph", "ფ"], ["th", "თ"], ["dj", "ჯ"]]
  var LATIN_LETTERS = { a: "ა", b: "ბ", c: "ც", d: "დ", e: "ე", f: "ფ", g: "გ", h: "ჰ", i: "ი", j: "ჯ", k: "კ",
                        l: "ლ", m: "მ", n: "ნ", o: "ო", p: "პ", q: "ქ", r: "რ", s: "ს", t: "თ", u: "უ", v: "ვ",
                        w: "წ", x: "ხ", y: "ყ", z: "ზ" }
  var LOOSE = { "ტ": "თ", "ფ": "პ", "ქ": "კ", "ყ": "კ", "წ": "ც", "ჩ": "ც", "ჭ": "ც", "ღ": "გ", "შ": "ს",
                "ძ": "ზ", "ჟ": "ზ", "ჯ": "ზ" }
  // Russian typed with the English layout: the key in QWERTY, the letter it gives in ЙЦУКЕН.
  var QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
  var JCUKEN = "йцукенгшщзхъфывапролджэячсмитьбюё"

  function fold(word) {
    return word.toLowerCase().replace(/ё/g, "е").replace(/[\u1c90-\u1cba\u1cbd-\u1cbf]/g, function (letter) {
      return String.fromCharCode(letter.charCodeAt(0) - 0x1c90 + 0x10d0)
    })
  }

  function latinToGeorgian(word) {
    word = word.replace(/['`]/g, "")
    var out = ""
    for (var i = 0; i < word.length;) {
      var pair = LATIN.filter(function (p) { return word.substr(i, p[0].length) === p[0] })[0]
      out += pair ? pair[1] : (LATIN_LETTERS[word[i]] || word[i])
      i += pair ? pair[0].length : 1
    }
    return out
  }

  function loose(word) {
    return word.replace(/[ტფქყწჩჭღშძჟჯ]/g, function (letter) { return LOOSE[letter] })
  }

  function fromEnglishLayout(word) {
    return word.replace(/./g, function (key) { var at = QWERTY.indexOf(key); return at === -1 ? key : JCUKEN[at] })
  }

  // The index's terms by their loose spelling, sorted, made once per index.
  function looseTerms(index) {
    if (!index.hrLoose) {
      index.hrLoose = Object.keys(index.invertedIndex).filter(function (term) { return /[\u10d0-\u10ff]/.test(term) })
        .map(function (term) { return [loose(term), term] })
        .sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0 })
    }
    return index.hrLoose
  }

  // Index terms whose loose spelling starts with `prefix`, shortest first.
  function termsStartingLoosely(index, prefix) {
    var terms = looseTerms(index), low = 0, high = terms.length
    while (low < high) {
      var middle = (low + high) >> 1
      if (terms[middle][0] < prefix) low = middle + 1
      else high = middle
    }
    var found = []
    for (var i = low; i < terms.length && terms[i][0].slice(0, prefix.length) === prefix; i++) found.push(terms[i][1])
    return found.sort(function (a, b) { return a.length - b.length }).slice(0, MAX_TERMS)
  }

  // What one word of the query also searches: prefixes (stems, the word read in another script) and exact terms.
  function variantsOf(index, word) {
    var prefixes = [], exact = []
    function addWithStems(form) {
      index.pipeline.runString(form).concat([form]).forEach(function (term) {
        if (term && prefixes.indexOf(term) === -1) prefixes.push(term)
      })
    }
    addWithStems(fold(word))
    if (/^[a-z'`]+$/.test(word) && word.length >= MIN_LETTERS && languages.indexOf("ka") !== -1) {
      var georgian = latinToGeorgian(word)
      index.pipeline.runString(georgian).concat([georgian]).forEach(function (form) {
        if (form.length >= MIN_LETTERS) termsStartingLoosely(index, loose(form)).forEach(function (term) {
          if (exact.indexOf(term) === -1) exact.push(term)
        })
      })
    }
    if (/^[a-z[\];',.`]+$/.test(word) && /[a-z]/.test(word) && word.length >= MIN_LETTERS &&
        languages.indexOf("ru") !== -1) addWithStems(fromEnglishLayout(word))
    return { prefixes: prefixes, exact: exact }
  }

  // Query words as the reader typed them (layout keys such as "," or ";" are Russian letters), each with the pieces
  // Material made of it (it splits words at the separator).
  function queryWords() {
    return rawQuery.split(/\s+/).filter(function (word) { return word && word[0] !== "-" }).map(function (word) {
      word = word.replace(/^\+/, "").replace(/\*+$/, "").toLowerCase()
      var pieces = word.split(lunr.tokenizer.separator).filter(Boolean).map(function (piece) {
        return piece.replace(/\*+$/, "")
      })
      return { word: word, pieces: pieces }
    })
  }

  // Index words are folded as query words are (ё, Mtavruli), before the language's pipeline.
  function foldIndexWords() {
    var run = lunr.Pipeline.prototype.run
    lunr.Pipeline.prototype.run = function (tokens) {
      tokens.forEach(function (token) { token.update(fold) })
      return run.call(this, tokens)
    }
  }

  function widenQueries() {
    var presence = lunr.Query.presence, TRAILING = lunr.Query.wildcard.TRAILING
    function search(index, text, words) {
      return index.query(function (query) {
        new lunr.QueryParser(text, query).parse()
        var fields = query.allFields
        words.forEach(function (entry) {
          entry.variants.prefixes.forEach(function (term) {
            if (entry.pieces.indexOf(term) === -1) {
              query.clause({ term: term, fields: fields, usePipeline: false, wildcard: TRAILING,
                             presence: presence.OPTIONAL })
            }
          })
          entry.variants.exact.forEach(function (term) {
            query.clause({ term: term, fields: fields, usePipeline: false, presence: presence.OPTIONAL })
          })
        })
      })
    }
    lunr.Index.prototype.search = function (text) {
      var index = this, words = queryWords().map(function (entry) {
        entry.variants = variantsOf(index, entry.word)
        return entry
      })
      var results = search(this, text, words)
      // Nothing found: each word's shortest form, cut back a letter at a time ("dignified" finds "dignity").
      for (var cut = 1; !results.length && words.length; cut++) {
        var shorter = words.map(function (entry) {
          var stem = entry.variants.prefixes.concat().sort(function (a, b) { return a.length - b.length })[0] || ""
          var prefix = stem.slice(0, stem.length - cut)
          return { word: entry.word, pieces: entry.pieces,
                   variants: { prefixes: prefix.length >= SHORTEST_CUT ? [prefix] : [], exact: [] } }
        })
        if (!shorter.some(function (entry) { return entry.variants.prefixes.length })) break
        results = search(this, "", shorter)
        if (results.length) words = shorter
      }
      highlights = {}
      results.forEach(function (result) { explain(result, words) })
      return results
    }
  }

  function startsAWord(text, word) {
    var escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    return new RegExp("(?:^|[^\\p{L}\\p{N}])" + escaped, "u").test(text)
  }

  // The text of a document, folded, to look for the very forms typed.
  function documentText(location) {
    var doc = documents[location]
    if (!doc) return ""
    if (!(location in foldedText)) foldedText[location] = fold(doc.title + " " + doc.text)
    return foldedText[location]
  }

  // Material marks a query word "missing" on a result unless an index term found there starts with it: a word
  // found through a variant is marked found, and Material's link highlights the form found. A result that has the
  // very words typed (not only other forms of them) gets a higher score: Material sorts by it afterwards.
  function explain(result, words) {
    var metadata = result.matchData.metadata, found = Object.keys(metadata)
    var text = documentText(result.ref), exact = 0
    words.forEach(function (entry) {
      if (startsAWord(text, fold(entry.word))) exact++
    })
    if (words.length) result.score *= 1 + exact / words.length
    words.forEach(function (entry) {
      var via = found.filter(function (term) {
        return entry.variants.exact.indexOf(term) !== -1 || entry.variants.prefixes.some(function (prefix) {
          return term.slice(0, prefix.length) === prefix
        })
      }).sort(function (a, b) { return a.length - b.length })[0]
      if (!via) return
      entry.pieces.forEach(function (piece) {
        if (!metadata[piece]) metadata[piece] = {}
        highlights[result.ref] = highlights[result.ref] || {}
        highlights[result.ref][piece] = via
      })
    })
  }

  function highlightFoundForms() {
    var post = self.postMessage
    self.postMessage = function (message) {
      if (message && message.type === RESULT) {
        message.data.items.forEach(function (group) {
          group.forEach(function (item) {
            var forms = highlights[item.location] || {}, terms = {}
            Object.keys(item.terms).forEach(function (term) {
              terms[item.terms[term] && forms[term] ? forms[term] : term] = item.terms[term]
            })
            item.terms = terms
          })
        })
      }
      return post.apply(self, arguments)
    }
  }

  function load() {
    importScripts("__MATERIAL_WORKER__")
    foldIndexWords()
    widenQueries()
    highlightFoundForms()
  }

  // Seen before Material's own listener: the index's languages, and the query as typed, before Material splits it.
  self.addEventListener("message", function (event) {
    var message = event.data || {}
    if (message.type === SETUP && message.data) {
      languages = (message.data.config && message.data.config.lang) || []
      documents = {}
      foldedText = {}
      ;(message.data.docs || []).forEach(function (doc) { documents[doc.location] = doc })
    }
    if (message.type === QUERY) rawQuery = String(message.data || "")
  })

  // The file:// copy runs workers in an iframe (hooks/assets/iframe-worker/): there Material's worker loads at once.
  if (self.location.protocol === "file:") {
    load()
    return
  }
  // Material's worker adds its own message listener when it loads; a listener added while a message is being
  // handled does not receive that message, so it is sent again once, to Material's listener.
  self.addEventListener("message", function (event) {
    if (loaded) return
    loaded = true
    load()
    self.dispatchEvent(new MessageEvent("message", { data: event.data }))
  })
})()
