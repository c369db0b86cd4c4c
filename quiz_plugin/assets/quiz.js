/* Quiz runtime: grades quizzes in the browser and keeps progress in this browser only (localStorage), keyed by
   bank and question ids so that it survives reloads and language switches. No network, no inline code:
   each quiz's key is read from the JSON text of its hidden <div class="quiz__data">. */
(function () {
  "use strict";
  // Pages load this script from their content, and instant navigation runs it again on each quiz page: start once;
  // the document$ subscription below sets up every later page.
  if (window.hrQuizRuntime) return;
  window.hrQuizRuntime = true;
  var STORAGE_KEY = "hr-quiz-progress-v1";

  /* ---- Storage: never throws. Blocked or full storage degrades to memory for this page; corrupt data is ignored. ---- */
  var memory = { banks: {} };
  var storageOk = true;
  var unsaved = false;  // the last write failed: this page's memory is newer than the storage
  function isRecord(value) { return Boolean(value) && typeof value === "object" && !Array.isArray(value); }
  function load() {
    if (unsaved) return memory;
    var raw, data = null;
    try { raw = window.localStorage.getItem(STORAGE_KEY); } catch (e) { storageOk = false; return memory; }
    try { data = JSON.parse(raw); } catch (e) { /* not ours or damaged: start afresh, the next save replaces it */ }
    memory = { banks: isRecord(data) && isRecord(data.banks) ? data.banks : {} };
    return memory;
  }
  function save() {
    try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(memory)); storageOk = true; unsaved = false; }
    catch (e) { storageOk = false; unsaved = true; }
  }
  function clearAll() {
    memory = { banks: {} };
    try { window.localStorage.removeItem(STORAGE_KEY); unsaved = false; } catch (e) { storageOk = false; unsaved = true; }
  }
  // One bank's saved state, or null when there is none or it does not make sense (a best score outside 0-100).
  function bankState(id) {
    var entry = load().banks[id];
    if (!isRecord(entry) || typeof entry.best !== "number" || !(entry.best >= 0 && entry.best <= 100)) return null;
    return { best: Math.round(entry.best), passed: entry.passed === true, answers: isRecord(entry.answers) ? entry.answers : null };
  }

  /* ---- Grading ---- */
  // Mirrors quiz_plugin/normalise.py.
  var EDGE = /^[\s"'«»„“”‘’.,;:!?()\[\]{}\-–—]+|[\s"'«»„“”‘’.,;:!?()\[\]{}\-–—]+$/g;
  function normalise(text) {
    return String(text).normalize("NFC").toLowerCase().replace(/ё/g, "е").replace(EDGE, "").replace(/\s+/g, " ");
  }
  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list;
  }
  function $all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  // The reader's answer to one question, in a form that can be stored and restored.
  function readAnswer(fieldset, type) {
    if (type === "text") return fieldset.querySelector("input[type=text]").value;
    if (type === "order" || type === "match") {
      var answer = {};
      $all(fieldset, ".quiz__row").forEach(function (row) { answer[row.dataset.item] = row.querySelector("select").value; });
      return answer;
    }
    return $all(fieldset, "input:checked").map(function (input) { return input.value; });
  }
  function writeAnswer(fieldset, type, answer) {
    if (answer == null) return;
    if (type === "text") { if (typeof answer === "string") fieldset.querySelector("input[type=text]").value = answer; return; }
    if (type === "order" || type === "match") {
      $all(fieldset, ".quiz__row").forEach(function (row) {
        var value = answer[row.dataset.item], select = row.querySelector("select");
        if (value != null && $all(select, "option").some(function (o) { return o.value === String(value); })) select.value = String(value);
      });
      return;
    }
    $all(fieldset, "input").forEach(function (input) { input.checked = Array.isArray(answer) && answer.indexOf(input.value) >= 0; });
  }
  function isAnswered(answer, type) {
    if (type === "text") return normalise(answer) !== "";
    if (type === "order" || type === "match") {
      return Object.keys(answer).every(function (k) { return answer[k] !== ""; });
    }
    return answer.length > 0;
  }
  // Score from 0 to 1; the partial-credit rules are documented in AUTHORING.md.
  function score(key, answer) {
    if (key.type === "single") return answer[0] === key.correct[0] ? 1 : 0;
    if (key.type === "true-false") return answer[0] === String(key.answer) ? 1 : 0;
    if (key.type === "multiple") {
      var right = answer.filter(function (id) { return key.correct.indexOf(id) >= 0; }).length;
      return Math.max(0, (right - (answer.length - right)) / key.correct.length);
    }
    if (key.type === "text") return key.accept.indexOf(normalise(answer)) >= 0 ? 1 : 0;
    var good = key.items.filter(function (id, index) {
      return key.type === "order" ? String(answer[id]) === String(index + 1) : answer[id] === id;
    }).length;
    return good / key.items.length;
  }

  /* ---- One quiz ---- */
  function setupQuiz(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var data = JSON.parse(form.querySelector(".quiz__data").textContent);
    var s = data.strings;
    var result = form.querySelector(".quiz__result");
    var retry = form.querySelector(".quiz__retry");
    var units = $all(form, "[data-unit]");
    var questions = function () {
      return $all(form, ".quiz__question").filter(function (q) { return !q.closest("[hidden]"); });
    };

    function arrange(saved) {
      // Draw N units at random (keeping the last attempt's draw after a reload), shuffle what the bank asks for.
      var chosen = units;
      if (data.draw && data.draw < units.length) {
        var previous = saved ? units.filter(function (u) {
          return $all(u, ".quiz__question").concat(u.matches(".quiz__question") ? [u] : []).some(function (q) {
            return Object.prototype.hasOwnProperty.call(saved, q.dataset.question);
          });
        }) : [];
        chosen = previous.length === data.draw ? previous : shuffle(units.slice()).slice(0, data.draw);
      }
      units.forEach(function (u) { u.hidden = chosen.indexOf(u) < 0; });
      if (data.shuffleQuestions) {
        var anchor = form.querySelector(".quiz__controls");
        shuffle(units.slice()).forEach(function (u) { form.insertBefore(u, anchor); });
      }
      if (data.shuffleOptions) {
        $all(form, ".quiz__options").forEach(function (box) {
          if (box.closest("[data-type=true-false]")) return;
          shuffle($all(box, ".quiz__option")).forEach(function (o) { box.appendChild(o); });
        });
      }
      questions().forEach(function (q, i) {
        q.querySelector(".quiz__number").textContent = s.question + " " + (i + 1) + ".";
      });
    }

    function showBest() {
      var state = bankState(data.bank), best = form.querySelector(".quiz__best");
      var text = state ? fmt(s.best, { percent: state.best }) : "";
      if (!storageOk) text += " " + s.no_storage;
      best.textContent = text;
    }

    function reset() {
      form.classList.remove("is-checked");
      $all(form, ".quiz__question").forEach(function (q) {
        q.classList.remove("is-right", "is-partial", "is-wrong");
        q.querySelector(".quiz__verdict").hidden = true;
        q.querySelector(".quiz__answer").open = false;
        $all(q, ".quiz__option").forEach(function (o) { o.classList.remove("is-chosen"); });
      });
      result.textContent = "";
      retry.hidden = true;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var visible = questions(), answers = {}, total = 0, missing = [];
      visible.forEach(function (q) {
        var answer = readAnswer(q, q.dataset.type);
        answers[q.dataset.question] = answer;
        if (!isAnswered(answer, q.dataset.type)) missing.push(q);
      });
      if (missing.length) {
        result.textContent = fmt(s.unanswered, { count: missing.length });
        var first = missing[0].querySelector("input, select");
        if (first) first.focus();
        return;
      }
      var mistakes = [];
      visible.forEach(function (q, index) {
        var value = score(data.questions[q.dataset.question], answers[q.dataset.question]);
        total += value;
        var verdict = value === 1 ? "right" : value > 0 ? "partial" : "wrong";
        q.classList.add("is-" + verdict);
        var box = q.querySelector(".quiz__verdict");
        box.textContent = verdict === "right" ? s.verdict_correct : verdict === "partial" ? s.verdict_partial : s.verdict_wrong;
        box.hidden = false;
        q.querySelector(".quiz__answer").open = verdict !== "right";
        $all(q, "input:checked").forEach(function (input) { input.closest(".quiz__option").classList.add("is-chosen"); });
        if (verdict !== "right") mistakes.push([q, index + 1]);
      });
      form.classList.add("is-checked");
      var percent = Math.round((100 * total) / visible.length);
      var passed = percent >= data.pass;
      var state = bankState(data.bank) || { best: 0, passed: false };
      load().banks[data.bank] = {
        best: Math.max(state.best, percent),
        passed: state.passed || passed,
        last: percent,
        answers: answers,
        at: new Date().toISOString().slice(0, 10)
      };
      save();
      result.textContent = "";
      var summary = document.createElement("p");
      summary.textContent = fmt(s.score, { score: Math.round(total * 10) / 10, total: visible.length, percent: percent }) + " " +
        fmt(passed ? s.passed : s.failed, { pass: data.pass });
      result.appendChild(summary);
      if (mistakes.length) {
        var heading = document.createElement("p");
        heading.textContent = s.review + ":";
        var list = document.createElement("ul");
        mistakes.forEach(function (m) {
          var item = document.createElement("li"), link = document.createElement("a");
          link.href = "#" + m[0].id;
          link.textContent = s.question + " " + m[1];
          item.appendChild(link);
          list.appendChild(item);
        });
        result.appendChild(heading);
        result.appendChild(list);
      }
      retry.hidden = false;
      showBest();
      refreshProgress(document);
    });

    retry.addEventListener("click", function () {
      reset();
      form.reset();
      arrange(null);
      var first = questions()[0];
      if (first) first.querySelector("input, select").focus();
    });

    var saved = (bankState(data.bank) || {}).answers;
    arrange(saved);
    if (saved) {
      questions().forEach(function (q) { writeAnswer(q, q.dataset.type, saved[q.dataset.question]); });
    }
    showBest();
  }

  /* ---- Progress table, completion summary and reset (the "My progress" page and the module overview) ---- */
  function pageStrings(root) {
    var node = root.querySelector(".quiz-strings");
    return node ? JSON.parse(node.textContent) : null;
  }
  function refreshProgress(root) {
    var s = pageStrings(root);
    if (!s) return;
    var rows = $all(root, "tr[data-progress]"), passed = 0, seen = {};
    rows.forEach(function (row) {
      var id = row.dataset.progress;
      if (seen[id]) return;
      seen[id] = true;
      var state = bankState(id);
      var status = !state ? s.status_none : state.passed ? s.status_passed : s.status_tried;
      row.querySelector(".quiz-status").textContent = status;
      row.querySelector(".quiz-best").textContent = state ? state.best + "%" : "–";
      row.classList.toggle("is-passed", Boolean(state && state.passed));
      if (state && state.passed) passed += 1;
    });
    var total = Object.keys(seen).length;
    $all(root, ".quiz-progress__note").forEach(function (note) {
      note.textContent = s.no_storage;
      note.hidden = storageOk;
    });
    $all(root, ".quiz-completion").forEach(function (box) {
      var done = total > 0 && passed === total;
      box.querySelector(".quiz-completion__locked").textContent = done ? "" : fmt(s.completion_locked, { passed: passed, total: total });
      box.querySelector(".quiz-completion__form").hidden = !done;
    });
  }
  function setupProgress(root) {
    var s = pageStrings(root);
    if (!s) return;
    refreshProgress(root);
    $all(root, ".quiz-completion__print").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        var box = button.closest(".quiz-completion"), sheet = box.querySelector(".quiz-completion__sheet");
        var name = box.querySelector(".quiz-completion__name").value.trim() || "—";
        sheet.textContent = "";
        var title = document.createElement("h2");
        title.textContent = s.summary_title;
        var text = document.createElement("p");
        text.textContent = fmt(s.summary_text, { name: name });
        var date = document.createElement("p");
        // The month in words: 3/4/2025 reads differently in different countries.
        date.textContent = s.date + ": " +
          new Date().toLocaleDateString(document.documentElement.lang, { year: "numeric", month: "long", day: "numeric" });
        var table = root.querySelector(".quiz-progress").cloneNode(true);
        $all(table, "[data-progress]").forEach(function (row) { row.removeAttribute("data-progress"); });
        [title, text, date, table].forEach(function (n) { sheet.appendChild(n); });
        sheet.hidden = false;
        // Only the summary prints. Phone browsers return from print() before printing, so the class stays until
        // "afterprint" (it has no effect on screen).
        document.body.classList.add("quiz-printing");
        window.addEventListener("afterprint", function () { document.body.classList.remove("quiz-printing"); }, { once: true });
        window.print();
      });
    });
    $all(root, ".quiz-reset__button").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        if (!window.confirm(button.dataset.confirm)) return;
        clearAll();
        button.parentNode.querySelector(".quiz-reset__status").textContent = button.dataset.done;
        // A summary made before, and the name typed for it, go too (a shared device).
        $all(root, ".quiz-completion__sheet").forEach(function (sheet) { sheet.hidden = true; sheet.textContent = ""; });
        $all(root, ".quiz-completion__name").forEach(function (input) { input.value = ""; });
        document.body.classList.remove("quiz-printing");
        refreshProgress(root);
      });
    });
  }

  function setup() {
    $all(document, "form.quiz").forEach(function (form) {
      try { setupQuiz(form); } catch (e) { form.dataset.ready = "error"; }
    });
    setupProgress(document);
  }
  // Material's instant navigation swaps the page content without reloading scripts: document$ tells us.
  // From file:// (the offline copy) Material completes document$ without a value, and a page without Material has
  // none: then set up once.
  var started = false, connected = false;
  function start() { started = true; setup(); }
  function startOnce() { if (!started) start(); }
  function connect() {
    if (connected) return;
    connected = true;
    if (window.document$ && window.document$.subscribe) window.document$.subscribe({ next: start, complete: startOnce });
    else startOnce();
  }
  // This script and Material's bundle are both deferred, this one first (it sits in the content): document$ exists
  // only from DOMContentLoaded, which follows all deferred scripts. "load" covers a page whose DOMContentLoaded
  // has already passed.
  if (window.document$ || document.readyState === "complete") connect();
  else { document.addEventListener("DOMContentLoaded", connect); window.addEventListener("load", connect); }
})();
