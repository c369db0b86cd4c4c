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
  // From file:// (the offline copy) Material completes document$ without a value: the links are set once.
  if (window.document$) window.document$.subscribe({ next: updateLinks, complete: updateLinks });
  else updateLinks();
})();

/* Offline reading: registers the service worker (written by hooks/offline.py to the site root as sw.js), asks it
   to save this page's language, and shows in the footer whether the language is available offline. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;  // not in the file:// copy
  var STATUS = {
    en: { saving: "Saving this site for reading offline…", ready: "Available offline on this device",
          offer: "Save this site for reading offline" },
    ka: { saving: "საიტი ინახება ინტერნეტის გარეშე წასაკითხად…", ready: "ხელმისაწვდომია ინტერნეტის გარეშეც",
          offer: "საიტის შენახვა ინტერნეტის გარეშე წასაკითხად" },
    ru: { saving: "Сохраняем сайт для чтения без интернета…", ready: "Доступно без интернета на этом устройстве",
          offer: "Сохранить сайт для чтения без интернета" }
  };
  // With the phone's data saver on, nothing is downloaded in the background: the reader is offered a button.
  var allowed = !(navigator.connection && navigator.connection.saveData);
  var worker = null;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var language = STATUS[document.documentElement.lang] ? document.documentElement.lang : "en";
  var languageRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var siteRoot = language === "en" ? languageRoot : new URL("../", languageRoot);
  var status = "";

  // Material's instant navigation replaces the footer: the note is placed again on every page.
  function show() {
    var footer = document.querySelector(".md-footer-meta__inner");
    if (!footer) return;
    var note = footer.querySelector(".offline-status");
    if (!note) {
      note = document.createElement("p");
      note.className = "offline-status";
      note.setAttribute("role", "status");  // read out by screen readers when it changes
      footer.insertBefore(note, footer.firstChild);
    }
    var shown = status || (allowed ? "" : "offer");
    if (note.getAttribute("data-status") === shown) return;  // unchanged: keep the button the reader may be tapping
    note.textContent = shown && shown !== "offer" ? STATUS[language][shown] : "";
    if (shown === "offer") {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button offline-status__save";
      button.textContent = STATUS[language].offer;
      button.addEventListener("click", function () { allowed = true; ask(worker); });
      note.appendChild(button);
    }
    note.setAttribute("data-status", shown);
    note.hidden = !shown;
  }

  function ask(active) {
    worker = active || worker;
    if (worker && allowed) worker.postMessage({ type: "save-language", language: language });
    show();
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "offline-status" || data.language !== language) return;
    status = data.status === "failed" ? "" : data.status;
    show();
  });
  // A new worker (a new version of the site) took over: it saves the new version.
  navigator.serviceWorker.addEventListener("controllerchange", function () { ask(navigator.serviceWorker.controller); });
  // After the page has loaded: saving the language (several hundred KB) must not slow the first page on a slow line.
  function register() {
    navigator.serviceWorker.register(new URL("sw.js", siteRoot).href, { scope: siteRoot.href })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) { ask(registration.active); })
      .catch(function () { /* no worker (private mode, blocked): the site still works online */ });
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
  if (window.document$) window.document$.subscribe(show);
})();

/* Citations ([1], hooks/sources.py) jump to their entry in the page's Sources list. Left to the browser, the jump
   changes the address, and Material's instant navigation answers that by downloading and swapping the whole page
   (on a slow phone, landing in the wrong place when the swap finishes late). So the jump is made here: the address
   gets the entry's #anchor (a link to it keeps working), the entry scrolls into view below the header and is
   marked. A window capture listener runs before Material's document listener. */
window.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.cite__ref");
  if (!link || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  var entry = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!entry) return;
  event.preventDefault();
  event.stopPropagation();
  history.pushState(history.state, "", link.hash);
  var previous = document.querySelector("ol.sources > li.is-target");
  if (previous) previous.classList.remove("is-target");
  entry.classList.add("is-target");
  entry.scrollIntoView();
}, true);
