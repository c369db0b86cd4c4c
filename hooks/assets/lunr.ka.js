/* lunr.ka: Georgian for lunr, in the shape of a lunr-languages language (a trimmer, a stop-word filter and a
   stemmer, registered on the pipeline), so Material's search worker loads it like any other language: for an index
   whose config says lang: ["ka"], it imports lunr/min/lunr.stemmer.support.min.js and then this file, published by
   hooks/search_assets.py as lunr/min/lunr.ka.min.js with the rules of data/georgian_stemmer.yml filled in below.

   The stemmer is the JavaScript twin of hooks/georgian_stemmer.py, step for step; tests/vectors/georgian_stems.tsv
   holds the stems both must give. It runs over every word of the index when the worker builds it, and over every
   word the reader types (hooks/assets/search_worker.js). */
;(function (lunr) {
  "use strict"
  var RULES = /*RULES*/ { min_stem: 2, vowels: "", particles: [], endings: [], plural: "", words: {}, stems: {},
                          stop_words: [] } /*RULES*/
  var GEORGIAN = /^[\u10d0-\u10ff]+$/

  lunr.ka = function () {
    this.pipeline.reset()
    this.pipeline.add(lunr.ka.trimmer, lunr.ka.stopWordFilter, lunr.ka.stemmer)
    if (this.searchPipeline) {
      this.searchPipeline.reset()
      this.searchPipeline.add(lunr.ka.stemmer)
    }
  }

  // Letters a word is made of: Georgian (with Mtavruli capitals), Latin and Cyrillic, and digits.
  lunr.ka.wordCharacters = "0-9A-Za-z\u00c0-\u024f\u0400-\u04ff\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f"
  lunr.ka.trimmer = lunr.trimmerSupport.generateTrimmer(lunr.ka.wordCharacters)
  lunr.Pipeline.registerFunction(lunr.ka.trimmer, "trimmer-ka")

  lunr.ka.stopWordFilter = lunr.generateStopWordFilter(RULES.stop_words)
  lunr.Pipeline.registerFunction(lunr.ka.stopWordFilter, "stopWordFilter-ka")

  // Lower case, and Mtavruli capitals (U+1C90...) as everyday letters (U+10D0...): older browsers do not lower them.
  function fold(word) {
    return word.toLowerCase().replace(/[\u1c90-\u1cba\u1cbd-\u1cbf]/g, function (letter) {
      return String.fromCharCode(letter.charCodeAt(0) - 0x1c90 + 0x10d0)
    })
  }

  function fits(stem, rule) {
    if (stem.length < RULES.min_stem) return false
    var last = stem.charAt(stem.length - 1)
    if (rule.after === "vowel" || rule.after === "consonant") {
      return (RULES.vowels.indexOf(last) !== -1) === (rule.after === "vowel")
    }
    return !rule.after || rule.after.indexOf(last) !== -1
  }

  // Remove the longest suffix that fits, if any.
  function stripOne(word, rules) {
    var best = ""
    rules.forEach(function (rule) {
      var suffix = rule.suffix
      if (suffix.length > best.length && word.slice(-suffix.length) === suffix &&
          fits(word.slice(0, -suffix.length), rule)) best = suffix
    })
    return best ? word.slice(0, -best.length) : word
  }

  function stripVowels(word) {
    while (word.length > RULES.min_stem && RULES.vowels.indexOf(word.charAt(word.length - 1)) !== -1) {
      word = word.slice(0, -1)
    }
    return word
  }

  lunr.ka.fold = fold
  lunr.ka.stem = function (word) {
    word = fold(word)
    if (!GEORGIAN.test(word)) return word
    if (Object.prototype.hasOwnProperty.call(RULES.words, word)) return RULES.words[word]
    word = stripOne(word, RULES.particles)
    word = stripOne(word, RULES.endings)
    word = stripVowels(word)
    var plural = RULES.plural
    var stripped = false
    while (word.slice(-plural.length) === plural && word.length - plural.length >= RULES.min_stem) {
      word = word.slice(0, -plural.length)
      stripped = true
    }
    if (stripped) word = stripVowels(word)
    return Object.prototype.hasOwnProperty.call(RULES.stems, word) ? RULES.stems[word] : word
  }

  lunr.ka.stemmer = function (token) {
    return token.update(function (word) { return lunr.ka.stem(word) })
  }
  lunr.Pipeline.registerFunction(lunr.ka.stemmer, "stemmer-ka")
})(lunr)
