/* The 404 page in the reader's language (hooks/not_found.py). GitHub Pages answers every missing address, in any
   language folder and under a project sub-path, with the site's one root 404.html; that page carries every language,
   and this script, loaded in its <head> before the body is drawn, shows the one of the address: /<site>/ka/... is
   Georgian, /<site>/ru/... Russian, anything else English. It requests nothing and stores nothing. */
(function () {
  "use strict";
  var root = document.documentElement;
  var languages = root.getAttribute("data-languages").split(" ");
  var siteRoot = root.getAttribute("data-site-root");
  var path = decodeURI(location.pathname);
  var rest = path.indexOf(siteRoot) === 0 ? path.slice(siteRoot.length) : path;
  var segments = rest.split("/");
  var language = languages[0];  // the default language, at the site root
  // The first segment after the site root; when the site is served elsewhere than its configured address, the
  // first segment of the path that names a language.
  var candidates = path.indexOf(siteRoot) === 0 ? segments.slice(0, 1) : segments;
  for (var i = 0; i < candidates.length; i++) {
    if (languages.indexOf(candidates[i]) > 0) { language = candidates[i]; break; }
  }
  root.setAttribute("lang", language);
  root.setAttribute("data-language", language);
  var title = root.getAttribute("data-title-" + language);
  if (title) document.title = title;
})();
