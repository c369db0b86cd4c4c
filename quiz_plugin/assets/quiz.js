/* Quiz runtime: grades quizzes in the browser and keeps progress in this browser only (localStorage), keyed by
   bank and question ids so that it survives reloads and language switches. No network, no inline code:
   each quiz's key is read from the JSON text of its hidden <div class="quiz__data">. Only the quiz's own elements
   are read, found by their place in the form (":scope > ..."), where bank text cannot be. */
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
    return { best: Math.round(entry.best), passed: entry.passed === true, answers: isRecord(entry.answers) ? entry.answers : null,
             marks: isRecord(entry.marks) ? entry.marks : {}, langs: isRecord(entry.langs) ? entry.langs : {} };
  }

  /* ---- Grading ---- */
  // As quiz_plugin/normalise.py, for every string: the same white space, and Python's lower case (CASE_RUNS, from
  // case_runs() there: "start[:span[:step]]=delta" in base 36), not this browser's Unicode version.
  var WHITE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff", EDGE_CHARS = "[" + WHITE + "\"'«»„“”‘’.,;:!?()\\[\\]{}\\-–—]+";
  var EDGE = new RegExp("^" + EDGE_CHARS + "|" + EDGE_CHARS + "$", "g"), SPACES = new RegExp("[" + WHITE + "]+", "g");
  var CASE_RUNS = "1t:p=w,5c:m=w,60:6=w,74:1a:2=1,8i:4:2=1,8p:e:2=1,96:18:2=1,ag=-3d,ah:4:2=1,ap=5u,aq:2:2=1,au=5q,av=1,ax:1=5p,az=1,b2=27,b3=5m,b4=5n,b5=1,b7=5p,b8=5r,ba=5v,bb=5t,bc=1,bg=5v,bh=5x,bj=5y,bk:4:2=1,bq=62,br=1,bt=62,bw=1,by=62,bz=1,c1:1=61,c3:2:2=1,c7=63,c8=1,cc=1,ck=2,cl=1,cn=2,co=1,cq=2,cr:g:2=1,da:g:2=1,dt=2,du:2:2=1,dy=-2p,dz=-1k,e0:12:2=1,f4=-3m,f6:g:2=1,fu=8bv,fv=1,fx=-4j,fy=8bs,g1=1,g3=-5f,g4=1x,g5=1z,g6:8:2=1,og:2:2=1,om=1,ov=38,p2=12,p4:2=11,p8=1s,pa:1=1r,pd:g=w,pv:8=w,r3=8,rc:m:2=1,s4=-1o,s7=1,s9=-7,sa=1,sd:2=-3m,sg:f=28,sw:v=w,v4:w:2=1,wa:1g:2=1,xs=f,xt:c:2=1,y8:2m:2=1,10x:11=1c,3a8:11=5ls,3bb=5ls,3bh=5ls,3vk:27=tzk,3xs:5=8,5n4:16=-2bk,5od:2=-2bk,5xc:44:2=1,61q=-5vj,61s:2m:2=1,64o:7=-8,654:5=-8,65k:7=-8,660:7=-8,66g:5=-8,66x:6:2=-8,67c:7=-8,688:7=-8,68o:7=-8,694:7=-8,69k:1=-8,69m:1=-22,69o=-9,6a0:3=-2e,6a4=-9,6ag:1=-8,6ai:1=-2s,6aw:1=-8,6ay:1=-34,6b0=-7,6bc:1=-3k,6be:1=-3i,6bg=-9,6jq=-5st,6ju=-6gv,6jv=-6di,6k2=s,6lc:f=g,6mb=1,792:p=q,8ow:1b=1c,8rk=1,8rm=-8af,8rn=-2xy,8ro=-89z,8rr:4:2=1,8rx=-8bg,8ry=-8al,8rz=-8bj,8s0=-8bi,8s2=1,8s5=1,8se:1=-8cf,8sg:2q:2=1,8vf:2:2=1,8vm=1,wu8:18:2=1,ww0:q:2=1,x0i:c:2=1,x0y:1o:2=1,x2x:2:2=1,x31=-r9g,x32:8:2=1,x3f=1,x3h=-wmg,x3k:2:2=1,x3q:i:2=1,x4a=-wn8,x4b=-wnj,x4c=-wnf,x4d=-wn5,x4e=-wn8,x4g=-wlu,x4h=-wmi,x4i=-wlx,x4j=ps,x4k:e:2=1,x50=-1c,x51=-wn7,x52=-raw,x53:2:2=1,x5c=1,x5i:2:2=1,x6d=1,1ee9:p=w,1fcw:13=14,1fhs:z=14,1fn4:a=13,1fng:e=13,1fnw:6=13,1fo4:1=13,1h1c:1e=1s,1jfk:v=w,20cg:v=w,2olc:x=y";
  var lowerOf = null;
  function lower(text) {
    if (!lowerOf) {
      lowerOf = { 0x130: "i\u0307" };
      CASE_RUNS.split(",").forEach(function (run) {
        var parts = run.split("="), range = parts[0].split(":").map(function (n) { return parseInt(n, 36); });
        var delta = parseInt(parts[1], 36), end = range[0] + (range[1] || 0), step = range[2] || 1;
        for (var code = range[0]; code <= end; code += step) lowerOf[code] = String.fromCodePoint(code + delta);
      });
    }
    return Array.from(text).map(function (ch) { return lowerOf[ch.codePointAt(0)] || ch; }).join("");
  }
  function normalise(text) {
    return lower(String(text).normalize("NFC")).replace(/ё/g, "е").replace(/ς/g, "σ").replace(EDGE, "").replace(SPACES, " ");
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
  // The quiz's own parts: children (or deeper, along the given path) of an element the runtime already holds.
  function own(root, path) { return root.querySelector(":scope > " + path); }
  function ownAll(root, path) { return $all(root, ":scope > " + path); }
  function textInput(fieldset) { return own(fieldset, ".quiz__text > input[type=text]"); }
  function rows(fieldset) { return ownAll(fieldset, ".quiz__rows > .quiz__row"); }
  function options(fieldset) { return ownAll(fieldset, ".quiz__options > .quiz__option"); }
  function firstField(fieldset) {
    var option = options(fieldset)[0], row = rows(fieldset)[0];
    return option ? own(option, "input") : row ? own(row, "select") : textInput(fieldset);
  }

  // The reader's answer to one question, in a form that can be stored and restored.
  function readAnswer(fieldset, type) {
    if (type === "text") return textInput(fieldset).value;
    if (type === "order" || type === "match") {
      var answer = {};
      rows(fieldset).forEach(function (row) { answer[row.dataset.item] = own(row, "select").value; });
      return answer;
    }
    return options(fieldset).map(function (o) { return own(o, "input"); }).filter(function (input) { return input.checked; })
      .map(function (input) { return input.value; });
  }
  function writeAnswer(fieldset, type, answer) {
    if (answer == null) return;
    if (type === "text") { if (typeof answer === "string") textInput(fieldset).value = answer; return; }
    if (type === "order" || type === "match") {
      rows(fieldset).forEach(function (row) {
        var value = answer[row.dataset.item], select = own(row, "select");
        if (value != null && $all(select, "option").some(function (o) { return o.value === String(value); })) select.value = String(value);
      });
      return;
    }
    options(fieldset).forEach(function (o) {
      var input = own(o, "input");
      input.checked = Array.isArray(answer) && answer.indexOf(input.value) >= 0;
    });
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
    var data = JSON.parse(own(form, "div.quiz__data").textContent);
    var s = data.strings;
    var language = form.getAttribute("lang");
    var result = own(form, ".quiz__result");
    var retry = own(form, ".quiz__controls > .quiz__retry");
    var units = ownAll(form, "[data-unit]");
    var unitQuestions = function (unit) {
      return unit.matches(".quiz__question") ? [unit] : ownAll(unit, "fieldset.quiz__question");
    };
    var allQuestions = function () { return [].concat.apply([], units.map(unitQuestions)); };
    var questions = function () { return allQuestions().filter(function (q) { return !q.closest("[hidden]"); }); };
    // Typed answers restored from an attempt in another language, {id: {text, lang, mark}}: unchanged, one keeps
    // the grade it had in the language it was typed in; changed, it is graded here.
    var restored = {};

    function arrange(saved) {
      // Draw N units at random (keeping the last attempt's draw after a reload), shuffle what the bank asks for.
      var chosen = units;
      if (data.draw && data.draw < units.length) {
        var previous = saved ? units.filter(function (u) {
          return unitQuestions(u).some(function (q) {
            return Object.prototype.hasOwnProperty.call(saved, q.dataset.question);
          });
        }) : [];
        chosen = previous.length === data.draw ? previous : shuffle(units.slice()).slice(0, data.draw);
      }
      units.forEach(function (u) { u.hidden = chosen.indexOf(u) < 0; });
      if (data.shuffleQuestions) {
        var anchor = own(form, ".quiz__controls");
        shuffle(units.slice()).forEach(function (u) { form.insertBefore(u, anchor); });
      }
      if (data.shuffleOptions) {
        allQuestions().forEach(function (q) {
          var box = own(q, ".quiz__options");
          if (!box || q.dataset.type === "true-false") return;
          shuffle(ownAll(box, ".quiz__option")).forEach(function (o) { box.appendChild(o); });
        });
      }
      questions().forEach(function (q, i) {
        own(q, "legend > .quiz__number").textContent = s.question + " " + (i + 1) + ".";
      });
    }

    function showBest() {
      var state = bankState(data.bank), best = own(form, ".quiz__intro > .quiz__best");
      var text = state ? fmt(s.best, { percent: state.best }) : "";
      if (!storageOk) text += " " + s.no_storage;
      best.textContent = text;
    }

    function reset() {
      form.classList.remove("is-checked");
      allQuestions().forEach(function (q) {
        q.classList.remove("is-right", "is-partial", "is-wrong");
        own(q, ".quiz__verdict").hidden = true;
        own(q, "details.quiz__answer").open = false;
        options(q).forEach(function (o) { o.classList.remove("is-chosen"); });
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
        var first = firstField(missing[0]);
        if (first) first.focus();
        return;
      }
      var mistakes = [], marks = {}, langs = {};
      visible.forEach(function (q, index) {
        var id = q.dataset.question, value, given = restored[id];
        if (q.dataset.type === "text" && given && given.text === answers[id]) {
          value = given.mark;  // unchanged since it was graded in the language it was typed in
          langs[id] = given.lang;
        } else {
          value = score(data.questions[id], answers[id]);
          if (q.dataset.type === "text") langs[id] = language;
        }
        if (q.dataset.type === "text") marks[id] = value;
        total += value;
        var verdict = value === 1 ? "right" : value > 0 ? "partial" : "wrong";
        q.classList.add("is-" + verdict);
        var box = own(q, ".quiz__verdict");
        box.textContent = verdict === "right" ? s.verdict_correct : verdict === "partial" ? s.verdict_partial : s.verdict_wrong;
        box.hidden = false;
        own(q, "details.quiz__answer").open = verdict !== "right";
        options(q).forEach(function (o) { if (own(o, "input").checked) o.classList.add("is-chosen"); });
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
        marks: marks,
        langs: langs,
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
      restored = {};
      arrange(null);
      var first = questions()[0];
      if (first) firstField(first).focus();
    });

    var state = bankState(data.bank) || {}, saved = state.answers;
    arrange(saved);
    if (saved) {
      questions().forEach(function (q) {
        var id = q.dataset.question, lang = state.langs[id], mark = state.marks[id];
        writeAnswer(q, q.dataset.type, saved[id]);
        if (q.dataset.type === "text" && typeof saved[id] === "string" && typeof lang === "string" && lang !== language
            && typeof mark === "number" && mark >= 0 && mark <= 1) {
          restored[id] = { text: saved[id], lang: lang, mark: mark };
        }
      });
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
