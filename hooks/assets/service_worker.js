/* Service worker: keeps the reader's language of the site readable with no network.
   hooks/offline.py writes it to the site root as sw.js with this build's file lists filled in, so its scope is the
   whole site, at a domain root or under /<repository>/. docs/assets/site.js registers it and asks it to save the
   page's language; it answers with {type: "offline-status", language, status: "saving" | "ready" | "failed"}.

   Strategy, and why there is never a stale mix of old and new files:
   - Files whose name carries a content hash (Material's bundle, the quiz and site assets) are served cache-first:
     a name always means the same bytes, so a cached copy is never out of date and a repeat visit downloads none.
   - Everything else (pages, search indexes, sitemaps) is served network-first, falling back to the cache only
     when the network fails; "network" means the server, asked past the browser's HTTP cache (fromNetwork). With a network the reader always gets the published version; its page names only
     hashed files of that same version, which are either cached already or fetched. Stale-while-revalidate would
     show an old page once more after each publication, and that old page could meet a new search index.
   - Each language version is saved into its own cache ("hr-offline-<language>-<version>") and counts only once
     every file is in it. Offline, a request is answered from complete caches first, its own language's newest
     version first, so a page and the files it names come from one version. The older caches of a language are
     deleted once its new version is complete (not at activation: a reader who loses the network while the new
     version downloads keeps the old one). */
"use strict";

const SITE = /*SITE*/ { defaultLanguage: "en", languages: {} } /*SITE*/;
const PREFIX = "hr-offline-";
const ROOT = new URL("./", self.location).href;  // sw.js sits at the site root
const COMPLETE = new URL("offline/.complete", ROOT).href;  // a cache holding this key holds its whole version
const HASHED = /\.[0-9a-f]{8,}\.(?:min\.)?[a-z0-9]+$/;
const PARALLEL = 4;

function known(language) { return Object.prototype.hasOwnProperty.call(SITE.languages, language); }

function cacheName(language) { return PREFIX + language + "-" + SITE.languages[language].version; }

function languageOfCache(name) { return name.slice(PREFIX.length).split("-")[0]; }

// The language of a site URL: 'ka/cases/index.html' -> 'ka'; the default language lives at the root.
function languageOf(href) {
  const first = href.slice(ROOT.length).split("/")[0];
  return known(first) && first !== SITE.defaultLanguage ? first : SITE.defaultLanguage;
}

// Cache keys carry no query or fragment; a folder means its index.html, as the web server does.
function canonical(href) {
  const url = new URL(href);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  return url.href;
}

const completeCaches = new Set();  // names known to be complete, so a lookup opens no cache twice to ask

async function isComplete(name) {
  if (completeCaches.has(name)) return true;
  // caches.has first: caches.open would create the cache it looks into.
  if ((await caches.has(name)) && (await (await caches.open(name)).match(COMPLETE))) completeCaches.add(name);
  return completeCaches.has(name);
}

// Our caches in the order to search them for a URL of `language`.
async function orderedCaches(language) {
  const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
  const ranked = [];
  for (const name of names) {
    const rank = ((await isComplete(name)) ? 0 : 4) + (languageOfCache(name) === language ? 0 : 2) +
      (known(language) && name === cacheName(language) ? 0 : 1);
    ranked.push([rank, name]);
  }
  return ranked.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
}

async function fromCache(href) {
  const key = canonical(href);
  for (const name of await orderedCaches(languageOf(key))) {
    const hit = await (await caches.open(name)).match(key);
    if (hit) return hit;
  }
  return undefined;
}

async function cacheFirst(request) {
  return (await fromCache(request.url)) || fetch(request);
}

// Asked of the network, not of the browser's HTTP cache: GitHub Pages sends `Cache-Control: max-age=600`, so a plain
// fetch would be answered for ten minutes by the copy the browser kept (the page of the version before, or the very
// copy this worker has just saved). "no-cache" asks the server, which answers "304 Not Modified" when nothing changed.
function fromNetwork(request) {
  return fetch(request.cache === "default" ? new Request(request, { cache: "no-cache" }) : request);
}

async function networkFirst(request) {
  let response;
  try {
    response = await fromNetwork(request);
    if (response.status < 500) return response;
  } catch (error) {
    response = undefined;
  }
  const cached = await fromCache(request.url);
  if (cached) return cached;
  if (request.mode === "navigate") return offlinePage(request.url);
  return response || Response.error();
}

// The page shown for a page that is not saved: in the URL's language when that language is saved, otherwise in
// the language the reader saved. hooks/offline.py gives its words; its links are relative to the site root.
function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

async function offlinePage(href) {
  const wanted = languageOf(canonical(href));
  let language = wanted;
  if (!(await isComplete(cacheName(wanted)))) {
    for (const name of await orderedCaches(wanted)) {
      if ((await isComplete(name)) && known(languageOfCache(name))) { language = languageOfCache(name); break; }
    }
  }
  const page = SITE.languages[language].fallback;
  const styles = page.stylesheets.map((sheet) => '<link rel="stylesheet" href="' + escapeHtml(sheet) + '">').join("");
  const html = '<!doctype html>\n<html lang="' + language + '"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><base href="' + escapeHtml(ROOT) + '">' +
    "<title>" + escapeHtml(page.title) + "</title>" + styles + "</head>\n" +
    '<body><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">' +
    '<article class="md-content__inner md-typeset"><h1>' + escapeHtml(page.title) + "</h1><p>" +
    escapeHtml(page.text) + '</p><p><a class="md-button md-button--primary" href="' + escapeHtml(page.home) + '">' +
    escapeHtml(page.link) + "</a></p></article></div></div></main></body></html>\n";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT) || request.url === self.location.href) return;
  const path = new URL(request.url).pathname;
  event.respondWith(HASHED.test(path) ? cacheFirst(request) : networkFirst(request));
});

// --- Saving a language -----------------------------------------------------------------------------------------

async function broadcast(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: "window" })) {
    client.postMessage(message);
  }
}

// The published version of a language, or null when the network cannot say.
async function publishedVersion(language) {
  try {
    const response = await fetch(new URL("offline/" + language + ".json", ROOT), { cache: "no-cache" });
    return response.ok ? (await response.json()).version : null;
  } catch (error) {
    return null;
  }
}

async function saveFile(cache, href) {
  if (await cache.match(href)) return;  // saved before an interruption
  if (HASHED.test(new URL(href).pathname)) {
    const earlier = await fromCache(href);  // the same name in an older version's cache is the same file
    if (earlier) return cache.put(href, earlier);
  }
  // no-cache: revalidate with the server, so a page from an older version in the HTTP cache is never saved here.
  const response = await fetch(href, { cache: HASHED.test(href) ? "default" : "no-cache" });
  if (!response.ok) throw new Error("offline: " + href + " answered " + response.status);
  // A redirected response cannot answer a navigation later: keep its content under the asked-for name.
  await cache.put(href, response.redirected ? new Response(await response.blob(), { headers: response.headers }) : response);
}

async function deleteOlderVersions(language) {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && languageOfCache(name) === language && name !== cacheName(language)) {
      completeCaches.delete(name);
      await caches.delete(name);
    }
  }
}

async function saveLanguage(language) {
  const info = SITE.languages[language];
  const name = cacheName(language);
  if (await isComplete(name)) return "ready";
  if ((await publishedVersion(language)) !== info.version) {
    // The site was published again after this worker: the new worker saves the new version.
    await self.registration.update().catch(() => undefined);
    return "failed";
  }
  await broadcast({ type: "offline-status", language, status: "saving" });
  const cache = await caches.open(name);
  const hrefs = info.files.map((file) => new URL(file, ROOT).href);
  for (let start = 0; start < hrefs.length; start += PARALLEL) {
    await Promise.all(hrefs.slice(start, start + PARALLEL).map((href) => saveFile(cache, href)));
  }
  // Published again while saving: these files may be of two versions. Drop them; the next worker starts afresh.
  if ((await publishedVersion(language)) !== info.version) {
    await caches.delete(name);
    await self.registration.update().catch(() => undefined);
    return "failed";
  }
  await cache.put(COMPLETE, new Response(info.version));
  completeCaches.add(name);
  await deleteOlderVersions(language);
  return "ready";
}

const saving = new Map();  // language -> promise, so two pages asking at once save once

function save(language) {
  if (!saving.has(language)) {
    const done = saveLanguage(language)
      .catch(() => "failed")
      .then((status) => {
        saving.delete(language);
        return broadcast({ type: "offline-status", language, status });
      });
    saving.set(language, done);
  }
  return saving.get(language);
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "save-language" && known(data.language)) event.waitUntil(save(data.language));
});

// --- Life cycle ------------------------------------------------------------------------------------------------

// A new worker takes over at once: pages are network-first and hashed files never change, so pages already open
// keep working, and the next page load saves the new version.
self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      const language = languageOfCache(name);
      if (name.startsWith(PREFIX) && !known(language)) await caches.delete(name);
    }
    for (const language of Object.keys(SITE.languages)) {
      if (await isComplete(cacheName(language))) await deleteOlderVersions(language);
    }
    await self.clients.claim();
  })());
});
