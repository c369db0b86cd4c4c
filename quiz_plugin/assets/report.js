/* The trainer's class report: reads participants' results files and codes in the browser and shows the class.
   Loaded only on the page that places <!-- quiz-class-report -->, after quiz.js, whose window.hrQuiz unpacks codes
   and knows the page's layout of the checks. Files are read with the File API: nothing is uploaded, nothing is
   requested from any host. A file or code that is not a result of these checks, is damaged or mistyped, or comes
   from a participant already in the report is named with the reason and left out; everything else is kept. */
(function () {
  "use strict";
  if (window.hrQuizReport) return;
  window.hrQuizReport = true;
  // Material's instant navigation inserts a page's scripts again, and the browser may then run this one before
  // quiz.js: wait for it.
  if (window.hrQuiz) report(window.hrQuiz);
  else (window.hrQuizWaiting = window.hrQuizWaiting || []).push(report);

  function report(api) {
    // Files and codes are untrusted input: bounded before they are read, every field checked, and what is wrong
    // named. They are only ever shown as text. A checksum finds mistakes, not forgery: whoever edits a file can
    // write its checksum again, so the report shows what participants hand over, nothing more.
    var MAX_FILE_KB = 500, MAX_CODE_CHARS = 2000;  // a results file is a few kilobytes; a code a few hundred letters
    var PHASES = ["before", "after"];

    function isRecord(value) { return Boolean(value) && typeof value === "object" && !Array.isArray(value); }
    function has(record, key) { return Object.prototype.hasOwnProperty.call(record, key); }
    function badField(path) { return { error: "field", field: path.map(function (p) { return String(p).slice(0, 40); }).join(".") }; }

    function element(tag, text, className) {
      var node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (className) node.className = className;
      return node;
    }

    var code = api.code;  // Bech32m, as quiz.js writes it
    // Bytes of a code, or a reason: "not" (not a results code) or "mistyped" (its checksum does not match).
    function fromCode(text) {
      if (String(text).length > MAX_CODE_CHARS) return { error: "code_too_long" };
      var clean = String(text).replace(/[\s\-]+/g, "").toLowerCase();
      if (clean.indexOf(code.prefix + "1") !== 0) return { error: "not" };
      var data = [];
      for (var i = code.prefix.length + 1; i < clean.length; i++) {
        var value = code.alphabet.indexOf(clean[i]);
        if (value < 0) return { error: "mistyped" };
        data.push(value);
      }
      if (data.length < 7 || code.polymod(code.expandedPrefix().concat(data)) !== code.check) return { error: "mistyped" };
      var bytes = code.regroup(data.slice(0, -6), 5, 8, false);
      return bytes ? { bytes: bytes } : { error: "mistyped" };
    }
    // The code's text -> {participant, nickname, results} or {error: "not" | "mistyped" | "foreign"}.
    function unpackCode(layout, text) {
      var decoded = fromCode(text);
      if (decoded.error) return decoded;
      var bytes = decoded.bytes, position = 0;
      function take(width) {
        var value = 0;
        for (var i = 0; i < width; i++, position++) {
          if (position >= bytes.length * 8) throw new Error("short");
          value = value * 2 + ((bytes[position >> 3] >> (7 - (position & 7))) & 1);
        }
        return value;
      }
      try {
        if (take(8) !== api.version || take(24) !== parseInt(layout.fingerprint, 16)) return { error: "foreign" };
        var participant = ("0000000" + take(32).toString(16)).slice(-8), results = {}, bad = false;
        api.walk(layout, function (bank, phase) {
          if (!take(1)) return false;
          (results[bank.id] = results[bank.id] || {})[phase] = {};
          return true;
        }, function (bank, phase, q, width) {
          var value = take(width);
          if (bank.questionnaire ? value > 5 : value > 10 && value !== 15) bad = true;
          else if (bank.questionnaire ? value : value !== 15) results[bank.id][phase][q.id] = bank.questionnaire ? value : value / 10;
        });
        if (bad) return { error: "mistyped" };
        var nickname = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes.slice(Math.ceil(position / 8))));
        if (!api.nicknameOk(nickname)) return badField(["nickname"]);
        return { participant: participant, nickname: nickname, results: results };
      } catch (e) {
        return { error: "mistyped" };
      }
    }
    // A results file's text -> {participant, nickname, results} or {error}, checked against this page's layout.
    // A field that is not what the checks write is named ({error: "field", field: "results.<bank>.<phase>..."}).
    function readFile(layout, text) {
      var file;
      try { file = JSON.parse(text); } catch (e) { return { error: "not_results" }; }
      if (!isRecord(file) || file.format !== api.fileFormat) return { error: "not_results" };
      if (file.version !== api.version || file.layout !== layout.fingerprint) return { error: "foreign" };
      var checksum = file.checksum;
      delete file.checksum;
      if (checksum !== "crc32:" + api.crc32(JSON.stringify(file))) return { error: "damaged" };
      if (typeof file.participant !== "string" || !/^[0-9a-f]{8}$/.test(file.participant)) return badField(["participant"]);
      if (file.nickname !== null && !api.nicknameOk(file.nickname)) return badField(["nickname"]);
      if (!isRecord(file.results)) return badField(["results"]);
      var banks = {}, results = {};
      layout.banks.forEach(function (bank) { banks[bank.id] = bank; });
      var bankIds = Object.keys(file.results);
      for (var b = 0; b < bankIds.length; b++) {
        var bankId = bankIds[b], phases = file.results[bankId];
        var bank = has(banks, bankId) ? banks[bankId] : null;
        if (!bank || !isRecord(phases)) return badField(["results", bankId]);
        results[bankId] = {};
        var phaseNames = Object.keys(phases);
        for (var p = 0; p < phaseNames.length; p++) {
          var phase = phaseNames[p], record = phases[phase], values = {};
          if (PHASES.indexOf(phase) < 0 || !isRecord(record) || !isRecord(record.questions)) return badField(["results", bankId, phase]);
          var ids = Object.keys(record.questions);
          for (var i = 0; i < ids.length; i++) {
            var id = ids[i], entry = record.questions[id];
            var known = bank.questions.some(function (q) { return q.id === id; });
            var value = !isRecord(entry) ? NaN : bank.questionnaire
              ? (Array.isArray(entry.answer) && entry.answer.length === 1 ? Number(entry.answer[0]) : NaN) : entry.score;
            var ok = typeof value === "number" && (bank.questionnaire ? [1, 2, 3, 4, 5].indexOf(value) >= 0 : value >= 0 && value <= 1);
            if (!known || !ok) return badField(["results", bankId, phase, "questions", id]);
            values[id] = value;
          }
          results[bankId][phase] = values;
        }
      }
      return { participant: file.participant, nickname: file.nickname || "", results: results };
    }

    // A table that becomes one card per row on a phone (quiz.css), as the build's own tables (render.card_table).
    function table(headers, rows) {
      var node = element("table", undefined, "quiz-table"), head = element("thead"), body = element("tbody"), line = element("tr");
      node.setAttribute("role", "table");
      [head, body].forEach(function (group) { group.setAttribute("role", "rowgroup"); });
      line.setAttribute("role", "row");
      headers.forEach(function (text) {
        var cell = element("th", text);
        cell.setAttribute("role", "columnheader");
        line.appendChild(cell);
      });
      head.appendChild(line);
      rows.forEach(function (cells) {
        var row = element("tr");
        row.setAttribute("role", "row");
        cells.forEach(function (text, index) {
          var cell = element("td", text);
          cell.setAttribute("role", "cell");
          cell.setAttribute("data-label", headers[index]);
          row.appendChild(cell);
        });
        body.appendChild(row);
      });
      node.appendChild(head);
      node.appendChild(body);
      return node;
    }

    function setupReport(box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "1";
      var s = api.pageStrings(document), layout = api.pageLayout(document), fmt = api.fmt;
      var entries = [], skipped = [], codes = 0, anonymous = 0;
      var reasons = { not_results: s.report_not_results, foreign: s.report_foreign, damaged: s.report_damaged,
                      mistyped: s.report_mistyped, not: s.report_not_code,
                      too_large: fmt(s.report_too_large, { size: MAX_FILE_KB }),
                      code_too_long: fmt(s.report_code_too_long, { size: MAX_CODE_CHARS }) };
      var lang = document.documentElement.lang;
      var decimal = function (value) {
        return value === null ? "–" : value.toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      };

      function phasesOf(entry) {
        return Object.keys(entry.results).reduce(function (n, bank) { return n + Object.keys(entry.results[bank]).length; }, 0);
      }
      // One participant is counted once: of two results with the same participant id, the one with more checks stays.
      function add(source, decoded) {
        if (decoded.error) {
          skipped.push([source, decoded.error === "field" ? fmt(s.report_bad_field, { field: decoded.field }) : reasons[decoded.error]]);
          return;
        }
        var entry = { source: source, participant: decoded.participant, nickname: decoded.nickname, results: decoded.results };
        var same = entries.filter(function (other) { return other.participant === entry.participant; })[0];
        if (same && phasesOf(entry) <= phasesOf(same)) { skipped.push([source, fmt(s.report_duplicate, { other: same.name })]); return; }
        if (same) {
          skipped.push([same.source, fmt(s.report_duplicate, { other: source })]);
          entry.name = same.nickname === entry.nickname ? same.name : null;
          entries[entries.indexOf(same)] = entry;
        } else {
          entries.push(entry);
        }
        entry.name = entry.name || entry.nickname || fmt(s.report_anonymous, { n: ++anonymous });
      }

      // The share (0-1) or point (1-5) of one participant's phase over these questions, or null.
      function value(entry, bank, phase, ids) {
        var own = entry.results[bank.id] && entry.results[bank.id][phase];
        return own ? api.mean(own, ids) : null;
      }
      function average(list) {
        var found = list.filter(function (v) { return v !== null; });
        return found.length ? found.reduce(function (a, b) { return a + b; }, 0) / found.length : null;
      }
      function across(bank, phase, ids) {
        return average(entries.map(function (entry) { return value(entry, bank, phase, ids); }));
      }
      function idsOf(bank, lesson) {
        return bank.questions.filter(function (q) { return lesson === undefined || q.lesson === lesson; }).map(function (q) { return q.id; });
      }
      function lessonsOf(bank) {
        return bank.questions.map(function (q) { return q.lesson; }).filter(function (l, i, all) { return l && all.indexOf(l) === i; });
      }
      function agreeing(bank, phase, id) {
        var answers = entries.map(function (entry) { return value(entry, bank, phase, [id]); }).filter(function (v) { return v !== null; });
        return answers.length ? answers.filter(function (v) { return v >= 4; }).length / answers.length : null;
      }

      function render() {
        var output = box.querySelector(".quiz-report__output"), tables = box.querySelector(".quiz-report__tables");
        var list = box.querySelector(".quiz-report__skipped");
        box.querySelector(".quiz-report__status").textContent = entries.length ? fmt(s.report_status, { count: entries.length }) : s.report_empty;
        list.textContent = "";
        list.hidden = !skipped.length;
        if (skipped.length) {
          list.appendChild(element("p", s.report_skipped + ":"));
          var items = element("ul");
          skipped.forEach(function (item) { items.appendChild(element("li", item[0] + ": " + item[1])); });
          list.appendChild(items);
        }
        tables.textContent = "";
        output.hidden = !entries.length;
        if (!entries.length) return;
        var quizzes = layout.banks.filter(function (bank) { return !bank.questionnaire; });
        quizzes.forEach(function (bank) {
          var all = idsOf(bank), both = entries.filter(function (entry) {
            return value(entry, bank, "before", all) !== null && value(entry, bank, "after", all) !== null;
          });
          var change = average(both.map(function (entry) {
            return Math.round(100 * value(entry, bank, "after", all)) - Math.round(100 * value(entry, bank, "before", all));
          }));
          tables.appendChild(element("h3", s.report_class + ": " + bank.title));
          var summary = element("dl", undefined, "quiz-report__summary");
          [[s.report_participants, String(entries.length)],
           [s.report_took_before, String(entries.filter(function (e) { return value(e, bank, "before", all) !== null; }).length)],
           [s.report_took_after, String(entries.filter(function (e) { return value(e, bank, "after", all) !== null; }).length)],
           [s.report_avg_before, api.percentText(across(bank, "before", all))],
           [s.report_avg_after, api.percentText(across(bank, "after", all))],
           [s.report_avg_change, change === null ? "–" : api.signed(Math.round(change))]].forEach(function (pair) {
            summary.appendChild(element("dt", pair[0]));
            summary.appendChild(element("dd", pair[1]));
          });
          tables.appendChild(summary);
          tables.appendChild(element("h3", s.report_by_lesson));
          tables.appendChild(table([s.col_lesson, s.col_before, s.col_after, s.col_change], lessonsOf(bank).map(function (lesson) {
            var ids = idsOf(bank, lesson), then = across(bank, "before", ids), now = across(bank, "after", ids);
            return [layout.lessons[lesson] || lesson, api.percentText(then), api.percentText(now), api.changeText(then, now)];
          })));
          tables.appendChild(element("h3", s.report_by_question));
          tables.appendChild(element("p", s.report_share_note));
          var rows = bank.questions.map(function (q) {
            return { q: q, then: across(bank, "before", [q.id]), now: across(bank, "after", [q.id]) };
          });
          var hardness = function (row) { var v = row.now !== null ? row.now : row.then; return v === null ? 2 : v; };
          rows.sort(function (a, b) { return hardness(a) - hardness(b) || (a.then === null ? 2 : a.then) - (b.then === null ? 2 : b.then); });
          tables.appendChild(table([s.question, s.col_lesson, s.col_before, s.col_after], rows.map(function (row) {
            return [row.q.text, layout.lessons[row.q.lesson] || row.q.lesson || "–", api.percentText(row.then), api.percentText(row.now)];
          })));
        });
        layout.banks.filter(function (bank) { return bank.questionnaire; }).forEach(function (bank) {
          tables.appendChild(element("h3", s.report_attitudes + ": " + bank.title));
          tables.appendChild(element("p", s.report_attitudes_note));
          tables.appendChild(table([s.statement, s.report_agree_before, s.report_agree_after, s.report_mean_before, s.report_mean_after],
            bank.questions.map(function (q) {
              return [q.text, api.percentText(agreeing(bank, "before", q.id)), api.percentText(agreeing(bank, "after", q.id)),
                      decimal(across(bank, "before", [q.id])), decimal(across(bank, "after", [q.id]))];
            })));
        });
        tables.appendChild(element("h3", s.report_people));
        var headers = [s.report_col_participant, s.report_col_source];
        quizzes.forEach(function (bank) {
          var prefix = quizzes.length > 1 ? bank.title + ": " : "";
          headers.push(prefix + s.col_before, prefix + s.col_after, prefix + s.col_change);
        });
        tables.appendChild(table(headers, entries.map(function (entry) {
          var cells = [entry.name, entry.source];
          quizzes.forEach(function (bank) {
            var then = value(entry, bank, "before", idsOf(bank)), now = value(entry, bank, "after", idsOf(bank));
            cells.push(api.percentText(then), api.percentText(now), api.changeText(then, now));
          });
          return cells;
        })));
      }

      // One row per participant, every value by bank, lesson and question id: for a spreadsheet.
      function csv() {
        var header = ["participant", "nickname", "source"], rows = [];
        var columns = [];  // [bank, phase, question ids or null for the percent]
        layout.banks.forEach(function (bank) {
          PHASES.forEach(function (phase) {
            if (!bank.questionnaire) {
              columns.push([bank, phase, idsOf(bank), bank.id + ":" + phase + ":percent"]);
              lessonsOf(bank).forEach(function (lesson) { columns.push([bank, phase, idsOf(bank, lesson), bank.id + ":" + lesson + ":" + phase + ":percent"]); });
            }
            bank.questions.forEach(function (q) { columns.push([bank, phase, [q.id], bank.id + ":" + q.id + ":" + phase, true]); });
          });
        });
        columns.forEach(function (column) { header.push(column[3]); });
        entries.forEach(function (entry) {
          rows.push([entry.name, entry.nickname, entry.source].concat(columns.map(function (column) {
            var v = value(entry, column[0], column[1], column[2]);
            if (v === null) return "";
            return column[4] ? String(Math.round(v * 100) / 100) : String(Math.round(100 * v));
          })));
        });
        return "\ufeff" + [header].concat(rows).map(function (row) {
          return row.map(function (cell) {
            cell = String(cell);
            if (/^[=+\-@\t\r]/.test(cell)) cell = "'" + cell;  // a spreadsheet must not run a participant's nickname
            return /[",\n\r]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
          }).join(",");
        }).join("\r\n") + "\r\n";
      }

      var input = box.querySelector(".quiz-report__files"), area = box.querySelector(".quiz-report__codes");
      input.addEventListener("change", function () {
        var files = Array.prototype.slice.call(input.files);
        Promise.all(files.map(function (file) {
          if (file.size > MAX_FILE_KB * 1000) return Promise.resolve([file.name, { error: "too_large" }]);
          return file.text().then(function (text) { return [file.name, text]; }, function () { return [file.name, { error: "not_results" }]; });
        })).then(function (read) {
          read.forEach(function (pair) {
            var decoded = pair[1];
            if (typeof decoded === "string") {
              try { decoded = readFile(layout, decoded); } catch (e) { decoded = { error: "not_results" }; }  // one bad file loses nothing else
            }
            add(pair[0], decoded);
          });
          input.value = "";
          render();
        });
      });
      box.querySelector(".quiz-report__add").addEventListener("click", function () {
        area.value.split(/\r?\n/).forEach(function (line) {
          if (line.trim()) add(fmt(s.report_code_n, { n: ++codes }) + " (" + line.trim().slice(0, 12) + "…)", unpackCode(layout, line));
        });
        area.value = "";
        render();
      });
      box.querySelector(".quiz-report__clear").addEventListener("click", function () {
        entries = []; skipped = []; codes = 0; anonymous = 0;
        render();
      });
      box.querySelector(".quiz-report__print").addEventListener("click", function () { window.print(); });
      box.querySelector(".quiz-report__csv").addEventListener("click", function () {
        var link = document.createElement("a");  // not in the page: Material's instant navigation never sees it
        link.href = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
        link.download = "class-report-" + new Date().toISOString().slice(0, 10) + ".csv";
        link.click();
        window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
      });
    }

    api.onPage(function (root) {
      if (!api.pageLayout(root)) return;
      Array.prototype.forEach.call(root.querySelectorAll(".quiz-report"), setupReport);
    });
  }
})();
