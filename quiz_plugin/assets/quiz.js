/* Quiz runtime: grades quizzes in the browser and keeps progress in this browser only (localStorage), keyed by
   bank and question ids so that it survives reloads and language switches. No network, no inline code:
   each quiz's key is read from the JSON text of its hidden <div class="quiz__data">. Only the quiz's own elements
   are read, found by their place in the form (":scope > ..."), where bank text cannot be.
   Also: the checks before and after the module (a bank placed with a phase, kept as "<bank>@before|after"), the
   reader's own change on "My progress", and the hand-over of those results to a trainer as a file or a short code
   (window.hrQuiz packs and unpacks them; report.js, on the trainer's page, reads them). */
(function () {
  "use strict";
  // Pages load this script from their content, and instant navigation runs it again on each quiz page: start once;
  // the document$ subscription below sets up every later page.
  if (window.hrQuizRuntime) return;
  window.hrQuizRuntime = true;
  var STORAGE_KEY = "hr-quiz-progress-v1";

  /* ---- Storage: never throws. Blocked or full storage degrades to memory for this page; corrupt data is ignored. ---- */
  var memory = { banks: {} };  // and "participant": a random id made at the first hand-over (no name, no device)
  var storageOk = true;
  var unsaved = false;  // the last write failed: this page's memory is newer than the storage
  function isRecord(value) { return Boolean(value) && typeof value === "object" && !Array.isArray(value); }
  function load() {
    if (unsaved) return memory;
    var raw, data = null;
    try { raw = window.localStorage.getItem(STORAGE_KEY); } catch (e) { storageOk = false; return memory; }
    try { data = JSON.parse(raw); } catch (e) { /* not ours or damaged: start afresh, the next save replaces it */ }
    memory = { banks: isRecord(data) && isRecord(data.banks) ? data.banks : {} };
    if (isRecord(data) && /^[0-9a-f]{8}$/.test(data.participant)) memory.participant = data.participant;
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
  // A recorded check or questionnaire ("<bank>@<phase>"), or null: its answers, per-question scores (0-1) and date.
  function resultState(id) {
    var entry = load().banks[id];
    if (!isRecord(entry) || !isRecord(entry.answers)) return null;
    var scored = typeof entry.best === "number" && entry.best >= 0 && entry.best <= 100;
    return { answers: entry.answers, scores: isRecord(entry.scores) ? entry.scores : {}, percent: scored ? Math.round(entry.best) : null,
             at: typeof entry.at === "string" ? entry.at.slice(0, 10) : "", marks: {}, langs: {} };
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
  function options(fieldset) {  // a statement's five points are options too
    return ownAll(fieldset, ".quiz__options > .quiz__option").concat(ownAll(fieldset, ".quiz__scale > .quiz__option"));
  }
  // Every field of a question, in the order a reader meets them.
  function fields(fieldset) {
    var input = textInput(fieldset);
    return options(fieldset).map(function (o) { return own(o, "input"); })
      .concat(rows(fieldset).map(function (row) { return own(row, "select"); }), input ? [input] : []);
  }
  function firstField(fieldset) { return fields(fieldset)[0]; }
  function today() { return new Date().toISOString().slice(0, 10); }
  // The month in words: 3/4/2025 reads differently in different countries. Noon: the same day in every time zone.
  function longDate(isoDate) {
    return new Date(isoDate + "T12:00:00").toLocaleDateString(document.documentElement.lang,
      { year: "numeric", month: "long", day: "numeric" });
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
    var key = data.bank + (data.phase ? "@" + data.phase : "");  // a check before or after the module is kept apart
    var label = data.questionnaire ? s.statement : s.question;
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
        own(q, "legend > .quiz__number").textContent = label + " " + (i + 1) + ".";
      });
    }

    function showBest() {
      var state = data.phase || data.questionnaire ? null : bankState(key), best = own(form, ".quiz__intro > .quiz__best");
      var text = state ? fmt(s.best, { percent: state.best }) : "";
      if (!storageOk) text += " " + s.no_storage;
      best.textContent = text;
    }

    function reset() {
      form.classList.remove("is-checked");
      allQuestions().forEach(function (q) {
        var answer = own(q, "details.quiz__answer");
        q.classList.remove("is-right", "is-partial", "is-wrong");
        markUnanswered(q, false);
        own(q, ".quiz__verdict").hidden = true;
        if (answer) answer.open = false;
        options(q).forEach(function (o) { o.classList.remove("is-chosen"); });
      });
      result.textContent = "";
      retry.hidden = true;
    }

    // A question left unanswered says so in its own box, which its fields name as their description: a screen
    // reader reads "Not answered yet" with the question when focus lands on it.
    function markUnanswered(q, on) {
      var box = own(q, ".quiz__verdict");
      if (!on && !q.classList.contains("is-unanswered")) return;
      q.classList.toggle("is-unanswered", on);
      box.textContent = on ? s.not_answered : "";
      box.hidden = !on;
      fields(q).forEach(function (field) {
        if (on) field.setAttribute("aria-describedby", box.id); else field.removeAttribute("aria-describedby");
      });
    }
    form.addEventListener("change", function (event) {
      var q = event.target.closest(".quiz__question");
      if (q && allQuestions().indexOf(q) >= 0 && isAnswered(readAnswer(q, q.dataset.type), q.dataset.type)) markUnanswered(q, false);
    });

    // Verdicts, answers and explanations on every question; the total score. `kept`: the scores a recorded check
    // was given (shown as they were, whatever the language now); else each answer is graded here, except a typed
    // answer restored unchanged from another language, which keeps the grade it had there.
    function showGrades(visible, answers, kept) {
      var total = 0, mistakes = [], scores = {}, marks = {}, langs = {};
      visible.forEach(function (q, index) {
        var id = q.dataset.question, value, given = restored[id], text = q.dataset.type === "text";
        if (kept && typeof kept[id] === "number" && kept[id] >= 0 && kept[id] <= 1) {
          value = kept[id];
        } else if (text && given && given.text === answers[id]) {
          value = given.mark;  // unchanged since it was graded in the language it was typed in
          langs[id] = given.lang;
        } else {
          value = score(data.questions[id], answers[id]);
          if (text) langs[id] = language;
        }
        if (text) marks[id] = value;
        scores[id] = value;
        total += value;
        if (data.phase === "before") return;  // the check before the module shows no answers
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
      return { total: total, mistakes: mistakes, scores: scores, marks: marks, langs: langs };
    }

    function showSummary(total, count, percent, mistakes) {
      result.textContent = "";
      var summary = document.createElement("p");
      var verdict = data.phase === "before" ? s.answers_later : data.phase ? "" :
        fmt(percent >= data.pass ? s.passed : s.failed, { pass: data.pass });
      summary.textContent = (fmt(s.score, { score: Math.round(total * 10) / 10, total: count, percent: percent }) + " " + verdict).trim();
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
    }

    // A check before or after the module keeps its first answers: they are shown as recorded, and not changed.
    function lock(at) {
      form.classList.add("is-recorded");
      allQuestions().forEach(function (q) { fields(q).forEach(function (field) { field.disabled = true; }); });
      own(form, ".quiz__controls > .quiz__check").hidden = true;
      retry.hidden = true;
      var note = document.createElement("p");
      note.textContent = fmt(s.recorded, { date: longDate(at) });
      result.appendChild(note);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.classList.contains("is-recorded")) return;
      var visible = questions(), answers = {}, missing = [];
      visible.forEach(function (q, index) {
        var answer = readAnswer(q, q.dataset.type);
        answers[q.dataset.question] = answer;
        var absent = !isAnswered(answer, q.dataset.type);
        markUnanswered(q, absent);
        if (absent) missing.push(label + " " + (index + 1));
      });
      if (missing.length) {
        // Where the reader is: the first unanswered question gets focus (which scrolls it into view) and the
        // status line lists them all for a screen reader.
        result.textContent = fmt(s.unanswered, { list: missing.join(", ") });
        var first = visible.filter(function (q) { return q.classList.contains("is-unanswered"); })[0];
        first.scrollIntoView({ block: "start" });  // the whole question, from its legend, not just its first field
        firstField(first).focus({ preventScroll: true });
        return;
      }
      var at = today();
      if (data.questionnaire) {
        load().banks[key] = { answers: answers, at: at };
        save();
        result.textContent = s.saved;
      } else {
        var graded = showGrades(visible, answers);
        var percent = Math.round((100 * graded.total) / visible.length);
        var passed = percent >= data.pass;
        var state = (!data.phase && bankState(key)) || { best: 0, passed: false };
        load().banks[key] = {
          best: Math.max(state.best, percent),
          passed: state.passed || passed,
          last: percent,
          answers: answers,
          scores: graded.scores,
          marks: graded.marks,
          langs: graded.langs,
          at: at
        };
        save();
        showSummary(graded.total, visible.length, percent, graded.mistakes);
      }
      if (data.phase) lock(at);
      else retry.hidden = data.questionnaire;
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

    var recorded = data.phase || data.questionnaire ? resultState(key) : null;
    var state = recorded || bankState(key) || {}, saved = state.answers;
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
    if (recorded && data.phase) {
      if (!data.questionnaire && recorded.percent !== null) {
        var visible = questions(), graded = showGrades(visible, recorded.answers, recorded.scores);
        showSummary(graded.total, visible.length, recorded.percent, graded.mistakes);
      }
      lock(recorded.at || today());
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
    refreshChange(root, s);
  }

  /* ---- The checks before and after the module: the reader's change, and the hand-over to a trainer ---- */
  function pageLayout(root) {
    var node = root.querySelector(".quiz-layout");
    return node ? JSON.parse(node.textContent) : null;
  }
  // The reader's results of the checks, by bank and phase: {bank: {before: {question id: value}, after: ...}}; a
  // value is a score from 0 to 1, or a statement's point on the scale (1-5).
  function checkResults(layout) {
    var results = {};
    layout.banks.forEach(function (bank) {
      ["before", "after"].forEach(function (phase) {
        var state = resultState(bank.id + "@" + phase);
        if (!state) return;
        var values = {};
        bank.questions.forEach(function (q) {
          var value = bank.questionnaire ? Number((state.answers[q.id] || [])[0]) : state.scores[q.id];
          if (typeof value === "number" && value >= (bank.questionnaire ? 1 : 0) && value <= (bank.questionnaire ? 5 : 1)) values[q.id] = value;
        });
        (results[bank.id] = results[bank.id] || {})[phase] = { values: values, state: state };
      });
    });
    return results;
  }
  // The average of the values of these questions, or null when none was answered.
  function mean(values, ids) {
    var found = ids.filter(function (id) { return typeof values[id] === "number"; });
    return found.length ? found.reduce(function (sum, id) { return sum + values[id]; }, 0) / found.length : null;
  }
  function percentText(share) { return share === null ? "–" : Math.round(100 * share) + "%"; }
  function signed(points) { return (points > 0 ? "+" : points < 0 ? "−" : "±") + Math.abs(points); }
  function changeText(before, after) {  // in percentage points, from the rounded percentages shown
    return before === null || after === null ? "–" : signed(Math.round(100 * after) - Math.round(100 * before));
  }
  function refreshChange(root, s) {
    var layout = pageLayout(root);
    if (!layout) return;
    var results = checkResults(layout);
    $all(root, ".quiz-change").forEach(function (box) {
      var any = false;
      layout.banks.forEach(function (bank) {
        var part = box.querySelector('.quiz-change__bank[data-bank="' + bank.id + '"]');  // ids are [a-z0-9-]
        var mine = results[bank.id] || {}, before = (mine.before || {}).values, after = (mine.after || {}).values;
        part.hidden = !before && !after;
        any = any || !part.hidden;
        $all(part, "tr[data-question], tr[data-lesson]").forEach(function (row) {
          var cell = function (name) { return row.querySelector(".quiz-change__" + name); };
          if (bank.questionnaire) {
            var id = row.dataset.question;
            cell("before").textContent = before && before[id] ? s["scale_" + before[id]] : "–";
            cell("after").textContent = after && after[id] ? s["scale_" + after[id]] : "–";
            return;
          }
          var ids = bank.questions.filter(function (q) { return !row.dataset.lesson || q.lesson === row.dataset.lesson; })
            .map(function (q) { return q.id; });
          var then = before ? mean(before, ids) : null, now = after ? mean(after, ids) : null;
          cell("before").textContent = percentText(then);
          cell("after").textContent = percentText(now);
          cell("delta").textContent = changeText(then, now);
        });
      });
      box.querySelector(".quiz-change__none").hidden = any;
    });
  }

  /* The hand-over. A file (JSON with a CRC-32 checksum) holds the bank and question ids, the answers and scores; a
     code holds the same scores and statements by their place in the layout, as Bech32m (BIP-350: letters and digits
     that are hard to confuse, and a checksum that finds any mistake in up to four characters). Both carry a random
     participant id, so that a trainer's report counts a person once, and a nickname only when one was typed. */
  var CODE_PREFIX = "hr", CODE_VERSION = 1, FILE_FORMAT = "hr-quiz-results";
  // A nickname is at most 40 characters (the field's maxlength), without control characters or the marks that
  // reorder text (they could make one nickname read as another); the class report refuses any other.
  var NICKNAME_MAX = 40, HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  function cleanNickname(text) { return Array.from(text.replace(HIDDEN_CHARACTERS, "").trim()).slice(0, NICKNAME_MAX).join(""); }
  function nicknameOk(text) { return typeof text === "string" && cleanNickname(text) === text; }
  var ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l", BECH32M = 0x2bc830a3;
  var GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  function polymod(values) {
    var check = 1;
    values.forEach(function (value) {
      var top = check >>> 25;
      check = ((check & 0x1ffffff) << 5) ^ value;
      for (var i = 0; i < 5; i++) if ((top >>> i) & 1) check ^= GENERATOR[i];
    });
    return check >>> 0;
  }
  function expandedPrefix() {
    var chars = CODE_PREFIX.split("").map(function (c) { return c.charCodeAt(0); });
    return chars.map(function (c) { return c >> 5; }).concat([0], chars.map(function (c) { return c & 31; }));
  }
  // Regroup bits: 8-bit bytes to 5-bit letters (padding the end with zeros) or back (refusing padding that is not).
  function regroup(values, from, to, pad) {
    var acc = 0, bits = 0, out = [], max = (1 << to) - 1;
    for (var i = 0; i < values.length; i++) {
      acc = (acc << from) | values[i];
      bits += from;
      while (bits >= to) { bits -= to; out.push((acc >>> bits) & max); }
      acc &= (1 << bits) - 1;
    }
    if (pad && bits) out.push((acc << (to - bits)) & max);
    else if (!pad && (bits >= from || acc)) return null;
    return out;
  }
  function toCode(bytes) {
    var data = regroup(bytes, 8, 5, true);
    var check = polymod(expandedPrefix().concat(data, [0, 0, 0, 0, 0, 0])) ^ BECH32M;
    for (var i = 0; i < 6; i++) data.push((check >>> (5 * (5 - i))) & 31);
    var text = CODE_PREFIX + "1" + data.map(function (v) { return ALPHABET[v]; }).join("");
    return text.match(/.{1,5}/g).join(" ");  // groups of five, easier to read out and type
  }
  // Visit every value of the layout in its fixed order, with the number of bits it takes in a code.
  function walk(layout, visitBank, visitQuestion) {
    layout.banks.forEach(function (bank) {
      ["before", "after"].forEach(function (phase) {
        if (!visitBank(bank, phase)) return;
        bank.questions.forEach(function (q) { visitQuestion(bank, phase, q, bank.questionnaire ? 3 : 4); });
      });
    });
  }
  // results: {bank: {phase: {question id: value}}} -> the code's text.
  function packCode(layout, participant, nickname, results) {
    var bits = [];
    function put(value, width) { for (var i = width - 1; i >= 0; i--) bits.push(Math.floor(value / Math.pow(2, i)) % 2); }
    put(CODE_VERSION, 8);
    put(parseInt(layout.fingerprint, 16), 24);
    put(parseInt(participant, 16), 32);
    walk(layout, function (bank, phase) {
      var present = Boolean(results[bank.id] && results[bank.id][phase]);
      put(present ? 1 : 0, 1);
      return present;
    }, function (bank, phase, q, width) {
      var value = results[bank.id][phase][q.id];
      // A score in tenths (15: not asked), a statement's point (0: not answered).
      put(typeof value !== "number" ? (bank.questionnaire ? 0 : 15) : bank.questionnaire ? value : Math.round(value * 10), width);
    });
    while (bits.length % 8) bits.push(0);
    var bytes = [];
    for (var i = 0; i < bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8).join(""), 2));
    return toCode(bytes.concat(Array.prototype.slice.call(new TextEncoder().encode(nickname))));
  }
  function crc32(text) {
    var bytes = new TextEncoder().encode(text), crc = -1;
    for (var i = 0; i < bytes.length; i++) {
      crc ^= bytes[i];
      for (var k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return ((crc ^ -1) >>> 0).toString(16).padStart(8, "0");
  }
  // The results file: what the reader answered, and the scores, by bank id, phase and question id.
  function resultsFile(layout, participant, nickname) {
    var own = checkResults(layout), results = {};
    Object.keys(own).forEach(function (bankId) {
      results[bankId] = {};
      Object.keys(own[bankId]).forEach(function (phase) {
        var state = own[bankId][phase].state, questions = {};
        Object.keys(own[bankId][phase].values).forEach(function (id) {
          questions[id] = { answer: state.answers[id] };
          if (state.percent !== null) questions[id].score = state.scores[id];
        });
        results[bankId][phase] = { date: state.at, questions: questions };
        if (state.percent !== null) results[bankId][phase].percent = state.percent;
      });
    });
    var file = { format: FILE_FORMAT, version: CODE_VERSION, layout: layout.fingerprint, participant: participant,
                 nickname: nickname || null, made: today(), results: results };
    file.checksum = "crc32:" + crc32(JSON.stringify(file));
    return file;
  }
  function participantId() {
    load();
    if (!memory.participant) {
      var random = new Uint8Array(4);
      window.crypto.getRandomValues(random);
      memory.participant = Array.prototype.map.call(random, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      save();
    }
    return memory.participant;
  }
  function setupHandover(root, s) {
    var layout = pageLayout(root);
    $all(root, ".quiz-handover").forEach(function (box) {
      if (box.dataset.ready || !layout) return;
      box.dataset.ready = "1";
      var status = box.querySelector(".quiz-handover__status"), area = box.querySelector(".quiz-handover__code");
      var nickname = function () { return cleanNickname(box.querySelector(".quiz-handover__nickname").value); };
      // The values the code carries, or null (and a note) when there is nothing to hand over yet.
      function values() {
        var own = checkResults(layout), results = {};
        Object.keys(own).forEach(function (bank) {
          results[bank] = {};
          Object.keys(own[bank]).forEach(function (phase) { results[bank][phase] = own[bank][phase].values; });
        });
        if (!Object.keys(results).length) { status.textContent = s.handover_nothing; return null; }
        return results;
      }
      box.querySelector(".quiz-handover__file").addEventListener("click", function () {
        if (!values()) return;
        var file = resultsFile(layout, participantId(), nickname());
        var name = "results-" + file.made + "-" + file.participant + ".json";
        var link = document.createElement("a");  // not in the page: Material's instant navigation never sees it
        link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: "application/json" }));
        link.download = name;
        link.click();
        window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
        status.textContent = fmt(s.handover_made, { name: name });
      });
      box.querySelector(".quiz-handover__show").addEventListener("click", function () {
        var results = values();
        if (!results) return;
        area.value = packCode(layout, participantId(), nickname(), results);
        box.querySelector(".quiz-handover__box").hidden = false;
        status.textContent = "";
        area.focus();
        area.select();
      });
      box.querySelector(".quiz-handover__copy").addEventListener("click", function () {
        var done = function () { status.textContent = s.handover_copied; };
        area.select();
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(area.value).then(done, function () {});
        else if (document.execCommand("copy")) done();
      });
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
        date.textContent = s.date + ": " + longDate(today());
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
    setupHandover(root, s);
    $all(root, ".quiz-reset__button").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        if (!window.confirm(button.dataset.confirm)) return;
        clearAll();
        button.parentNode.querySelector(".quiz-reset__status").textContent = button.dataset.done;
        // A summary made before, and the name typed for it, go too (a shared device).
        $all(root, ".quiz-completion__sheet").forEach(function (sheet) { sheet.hidden = true; sheet.textContent = ""; });
        $all(root, ".quiz-completion__name, .quiz-handover__nickname, .quiz-handover__code").forEach(function (input) { input.value = ""; });
        $all(root, ".quiz-handover__box").forEach(function (box) { box.hidden = true; });
        document.body.classList.remove("quiz-printing");
        refreshProgress(root);
      });
    });
  }

  // Other scripts of a page (report.js) set up their part on every page through onPage.
  var pageHooks = [];
  function setup() {
    $all(document, "form.quiz").forEach(function (form) {
      try { setupQuiz(form); } catch (e) { form.dataset.ready = "error"; }
    });
    setupProgress(document);
    pageHooks.forEach(function (hook) { hook(document); });
  }
  // Material's instant navigation swaps the page content without reloading scripts: document$ tells us.
  // From file:// (the offline copy) Material completes document$ without a value, and a page without Material has
  // none: then set up once.
  var started = false, connected = false;
  function start() { started = true; setup(); }
  window.hrQuiz = {
    packCode: packCode, crc32: crc32, fileFormat: FILE_FORMAT, version: CODE_VERSION, walk: walk,
    code: { prefix: CODE_PREFIX, alphabet: ALPHABET, check: BECH32M, polymod: polymod, expandedPrefix: expandedPrefix, regroup: regroup },
    pageLayout: pageLayout, pageStrings: pageStrings, fmt: fmt, mean: mean, percentText: percentText, changeText: changeText,
    signed: signed, nicknameOk: nicknameOk,
    onPage: function (hook) { pageHooks.push(hook); if (started) hook(document); }
  };
  (window.hrQuizWaiting || []).forEach(function (waiting) { waiting(window.hrQuiz); });  // report.js, if it ran first
  window.hrQuizWaiting = [];
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
