// Appended to Material's bundle by hooks/search_assets.py: two fixes for search on a phone.

// 1. Search stays open on a page opened at a section. Material closes search (and the drawer) 125 ms after every
// navigation, and counts as one the #section a page was opened at, which its hash observable replays when the
// bundle starts. The search icon shows as soon as the bundle starts, so a reader who tapped it within those 125 ms
// on a page opened at a section (a deep link, or any language switch from a section) saw search close again, and
// its results stay hidden. The bundle's closing subscription gets the hash observable through this operator: only
// the changes that come after the bundle has started (a reader's navigation), not the one it replays at once.
function hrLaterOnly(source) {
  return new source.constructor(function (subscriber) {
    var started = false
    var subscription = source.subscribe({
      next: function (value) { if (started) subscriber.next(value) },
      error: function (error) { subscriber.error(error) },
      complete: function () { subscriber.complete() }
    })
    started = true
    return subscription
  })
}

// 2. A search result lands on its section. While search fills a phone's screen, Material locks the page's scrolling,
// and it unlocks it (putting back the previous page's scroll position) 100 ms after search closes. A result opened
// by instant navigation within those 100 ms (a fast connection, or the saved offline copy) scrolled to its section
// while the page was locked, and landed at the top. Once the lock is gone and the unlocked page has been laid out
// (the next frame), the section is scrolled to again.
;(function () {
  if (!window.document$ || !window.MutationObserver) return
  var body = document.body
  window.document$.subscribe(function () {
    var id = decodeURIComponent(location.hash.slice(1))
    var target = id && document.getElementById(id)
    if (!target || !body.hasAttribute("data-md-scrolllock")) return
    var observer = new MutationObserver(function () {
      if (body.hasAttribute("data-md-scrolllock")) return
      observer.disconnect()
      target.scrollIntoView()
    })
    observer.observe(body, { attributes: true, attributeFilter: ["data-md-scrolllock"] })
  })
})()
