// Appended to Material's bundle by hooks/search_assets.py. Material downloads the language's whole search index
// (80-140 KB gzipped) as soon as any page loads, for search and for highlighting the words a reader searched for.
// Here Material is handed a promise of the index instead: the download starts only when the reader opens search
// (the search toggle turns on; focusing the field or pressing "/" turns it on too), or when the page was opened from
// a search result (?h=...), whose words Material then highlights.
function hrSearchIndexOnDemand(load) {
  return new Promise(function (resolve, reject) {
    var toggle = document.getElementById("__search")
    function start() {
      if (toggle) toggle.removeEventListener("change", opened)
      load().subscribe({ next: resolve, error: reject })
    }
    function opened() {
      if (toggle.checked) start()
    }
    if (!toggle || new URLSearchParams(location.search).has("h")) start()
    else toggle.addEventListener("change", opened)
  })
}
