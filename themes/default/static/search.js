// The search page: a box, filters by issue and section, relevance or date order, and the
// results with the term marked in the title and in an excerpt (the summary, or the block
// of the body that holds the term). Searches as you type; the address keeps the query,
// the filters and the order (?q=…&issue=…&section=…&sort=date), so Back and links work.
// The words shown come from the page (generator/i18n.py), the index from search-index.js.
(function () {
  "use strict";
  var box = document.getElementById("search");
  var input = document.getElementById("search-input");
  if (!box || !input) return;
  var form = input.form;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var controls = document.getElementById("search-controls");
  var issueSelect = document.getElementById("search-issue");
  var sectionSelect = document.getElementById("search-section");
  var words = box.dataset;
  var PAGE = 20;
  var EXCERPT = /^zh/i.test(words.lang || "") ? 90 : 200;   // characters around the term
  var LEADING = /^[\s\p{Po}\p{Pd}\p{Pe}\p{Pf}]+/u;          // never start an excerpt with "，" or ")"

  function say(text) {
    status.textContent = text;
  }

  if (window.location.protocol === "file:") {   // browsers load no index from file://
    say(words.offline);
    return;
  }
  if (typeof window.BulletinIndex === "undefined") return;
  var index = new window.BulletinIndex(box.dataset.index);
  window.bulletinSearch = index;                 // for bench/search_quality.py
  var root = new URL("..", new URL(box.dataset.index, location.href)).href;
  var state = { results: [], shown: 0, query: "", parts: [], run: 0 };
  var labels = {};
  [issueSelect, sectionSelect].forEach(function (select) {
    Array.prototype.forEach.call(select.options, function (o) { labels[select.id + o.value] = o.textContent; });
  });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  // The text folded as search folds it (search_index.fold), with where each folded
  // character came from, so that a match found in the folded text is marked in the original.
  function folded(text) {
    var out = "", from = [], to = [], at = 0, space = true;
    Array.from(text).forEach(function (ch) {
      var f = ch.normalize("NFKC").toLowerCase();
      if (!f.trim()) {
        if (!space) { out += " "; from.push(at); to.push(at + ch.length); }
        space = true;
      } else {
        for (var i = 0; i < f.length; i++) { from.push(at); to.push(at + ch.length); }
        out += f;
        space = false;
      }
      at += ch.length;
    });
    return { text: out, from: from, to: to };
  }

  // Where the parts are in `text`: [[start, end)] of the original, merged
  function spans(text, parts) {
    var f = folded(text), found = [];
    parts.forEach(function (part) {
      for (var i = f.text.indexOf(part); i >= 0; i = f.text.indexOf(part, i + 1)) {
        found.push([f.from[i], f.to[i + part.length - 1]]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    found.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push(s.slice());
    });
    return merged;
  }

  function marked(text, parts, into) {
    var at = 0;
    spans(text, parts).forEach(function (s) {
      into.appendChild(document.createTextNode(text.slice(at, s[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s[0], s[1]);
      into.appendChild(mark);
      at = s[1];
    });
    into.appendChild(document.createTextNode(text.slice(at)));
    return into;
  }

  // The summary or abstract if it holds the term, else the body block that holds most of
  // the parts; cut to about EXCERPT characters around the first match.
  function excerpt(text, parts) {
    var blocks = (text.s || []).concat(text.b || []), best = "", most = 0;
    blocks.forEach(function (block) {
      var f = window.BulletinIndex.fold(block);
      var count = parts.filter(function (p) { return f.indexOf(p) >= 0; }).length;
      if (count > most) { best = block; most = count; }
    });
    if (!most) best = blocks[0] || "";
    var chars = Array.from(best);
    if (chars.length <= EXCERPT) return best.replace(LEADING, "");
    var first = spans(best, parts)[0], at = first ? Array.from(best.slice(0, first[0])).length : 0;
    var start = Math.max(0, Math.min(at - Math.floor(EXCERPT / 3), chars.length - EXCERPT));
    var cut = chars.slice(start, start + EXCERPT).join("");
    if (start > 0 && EXCERPT > 100) cut = cut.replace(/^\S*\s/, "");   // a whole first word
    cut = cut.replace(LEADING, "");
    return (start > 0 ? "…" : "") + cut + (start + EXCERPT < chars.length ? "…" : "");
  }

  function card(result, text, parts) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = root + result.path;
    h.appendChild(marked(result.title, parts, a));
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "search-result-meta";
    var time = document.createElement("time");
    time.dateTime = result.date;
    time.textContent = result.dateText;
    meta.appendChild(time);
    [result.issueTitle, result.sectionTitle, (text.a || []).join(" "), text.o ? words.source + text.o : ""]
      .forEach(function (name) {
        if (name) meta.appendChild(marked(name, parts, document.createElement("span")));
      });
    li.appendChild(meta);
    var p = document.createElement("p");
    p.className = "search-result-excerpt";
    li.appendChild(marked(excerpt(text, parts), parts, p));
    var tags = (text.g || []).filter(function (tag) { return holds(tag, parts); });
    if (tags.length && !li.querySelector("mark")) {       // the term only a tag says is shown there
      var line = document.createElement("p");
      line.className = "search-result-tags";
      line.appendChild(document.createTextNode(words.tags));
      tags.forEach(function (tag) { line.appendChild(marked(tag, parts, document.createElement("span"))); });
      li.appendChild(line);
    }
    return li;
  }

  function holds(text, parts) {
    var f = window.BulletinIndex.fold(text);
    return parts.some(function (p) { return f.indexOf(p) >= 0; });
  }

  function chosen() {
    var sort = controls.querySelector("input[name=sort]:checked");
    return { issue: issueSelect.value, section: sectionSelect.value, sort: sort ? sort.value : "" };
  }

  function filtered() {
    var c = chosen();
    var out = state.results.filter(function (r) {
      return (!c.issue || r.issue === c.issue) && (!c.section || r.section === c.section);
    });
    if (c.sort === "date") {
      out = out.slice().sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : b.score - a.score; });
    }
    return out;
  }

  function count(select, key) {
    var counts = {};
    state.results.forEach(function (r) { counts[r[key]] = (counts[r[key]] || 0) + 1; });
    Array.prototype.forEach.call(select.options, function (o) {
      var label = labels[select.id + o.value];
      o.textContent = o.value ? fill(words.count, { label: label, n: counts[o.value] || 0 }) : label;
    });
  }

  function remember() {
    var url = new URL(window.location.href), c = chosen();
    [["q", state.query.trim()], ["issue", c.issue], ["section", c.section], ["sort", c.sort]].forEach(function (kv) {
      if (kv[1]) url.searchParams.set(kv[0], kv[1]);
      else url.searchParams.delete(kv[0]);
    });
    window.history.replaceState(null, "", url.toString());
  }

  // The next PAGE results as cards, once their texts are in.
  function show(reset) {
    var run = state.run, all = filtered();
    if (reset) { list.textContent = ""; state.shown = 0; }
    var page = all.slice(state.shown, state.shown + PAGE);
    return Promise.all(page.map(function (r) { return index.text(r); })).then(function (texts) {
      if (run !== state.run) return;
      var firstNew = null;
      page.forEach(function (r, i) {
        var li = card(r, texts[i], state.parts);
        list.appendChild(li);
        firstNew = firstNew || li;
      });
      state.shown += page.length;
      more.hidden = state.shown >= all.length;
      if (!reset && firstNew) firstNew.querySelector("a").focus();   // keyboard: go on from the new ones
      summarize(all.length);
    });
  }

  function summarize(n) {
    if (!state.query.trim()) { say(""); return; }
    var q = state.query.trim();
    if (n) say(fill(n === 1 ? words.foundOne : words.found, { n: n, q: q }));
  }

  // No result: the longest shorter terms (the front and the back of the query) that find some.
  function suggest(parts) {
    var rounds = [];
    if (parts.length > 1) rounds.push([parts.slice(0, -1).join(" "), parts.slice(1).join(" ")]);
    else {
      var chars = Array.from(parts[0]);
      for (var k = chars.length - 1; k >= 2 && rounds.length < 4; k--) {
        rounds.push([chars.slice(0, k).join(""), chars.slice(chars.length - k).join("")]);
      }
    }
    return rounds.reduce(function (found, terms) {
      return found.then(function (best) {
        if (best.length) return best;
        return Promise.all(terms.map(function (t) { return index.find(t); })).then(function (results) {
          return terms.filter(function (t, i) { return results[i].length && terms.indexOf(t) === i; });
        });
      });
    }, Promise.resolve([]));
  }

  function nothing(q, parts, run) {
    list.textContent = "";
    more.hidden = true;
    say(fill(words.none, { q: q }) + words.shorterAny);
    return suggest(parts).then(function (terms) {
      if (run !== state.run || !terms.length) return;
      status.textContent = fill(words.none, { q: q }) + words.shorter;
      terms.forEach(function (term, i) {
        if (i) status.appendChild(document.createTextNode(words.or));
        var a = document.createElement("a");
        a.href = "?q=" + encodeURIComponent(term);
        a.textContent = term;
        a.addEventListener("click", function (event) {
          event.preventDefault();
          input.value = term;
          search();
        });
        status.appendChild(a);
      });
    });
  }

  function search() {
    var q = input.value, run = ++state.run;
    state.query = q;
    remember();
    var parts = index.parts(q);
    state.parts = parts;
    if (!parts.length) {
      state.results = [];
      list.textContent = "";
      more.hidden = true;
      say("");
      return Promise.resolve();
    }
    if (parts.join("").length < 2 && /^[\p{L}\p{N}]$/u.test(parts[0]) && parts[0] < "\u2e80") {
      say(words.typeMore);   // one letter: nearly every article, and the whole index to fetch
      return Promise.resolve();
    }
    say(words.searching);
    return index.find(q).then(function (results) {
      if (run !== state.run) return;
      state.results = results;
      count(issueSelect, "issue");
      count(sectionSelect, "section");
      controls.hidden = false;
      if (!results.length) return nothing(q.trim(), parts, run);
      return show(true);
    }).catch(function (error) {
      if (run !== state.run) return;
      say(String(error).indexOf("HTTP 404") >= 0 ? words.missing : words.error);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener("focus", function () { index.load().catch(function () {}); }, { once: true });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  controls.addEventListener("change", function () {
    remember();
    state.run++;
    if (state.results.length) show(true);
  });
  more.addEventListener("click", function () { show(false); });

  var params = new URLSearchParams(window.location.search);
  issueSelect.value = params.get("issue") || "";
  sectionSelect.value = params.get("section") || "";
  var sort = controls.querySelector("input[name=sort][value='" + (params.get("sort") === "date" ? "date" : "") + "']");
  if (sort) sort.checked = true;
  if (params.get("q")) {
    input.value = params.get("q");
    search();
  }
})();
