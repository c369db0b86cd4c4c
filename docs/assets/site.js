/* Language selector that keeps the page and the #anchor, also after Material's instant navigation
   (which does not re-render the header, so the selector's links would still point at the first page). */
(function () {
  "use strict";
  var DEFAULT_LANGUAGE = "en";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var language = document.documentElement.lang || DEFAULT_LANGUAGE;
  // Resolved once, against the page the script loaded on: the root of this language and of the site.
  var languageRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var siteRoot = language === DEFAULT_LANGUAGE ? languageRoot : new URL("../", languageRoot);

  function targetFor(lang) {
    var path = decodeURI(location.pathname);
    var rootPath = decodeURI(languageRoot.pathname);
    var rest = path.indexOf(rootPath) === 0 ? path.slice(rootPath.length) : "";
    var prefix = lang === DEFAULT_LANGUAGE ? "" : lang + "/";
    return new URL(prefix + rest, siteRoot).href + location.hash;
  }

  function updateLinks() {
    var links = document.querySelectorAll("a.md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) links[i].href = targetFor(links[i].getAttribute("hreflang"));
  }

  // Capture phase: runs before Material's own handlers, which would otherwise take over the click.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    location.assign(targetFor(link.getAttribute("hreflang")));
  }, true);
  window.addEventListener("hashchange", updateLinks);
  if (window.document$) window.document$.subscribe(updateLinks);
  else updateLinks();
})();
