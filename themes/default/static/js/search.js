// Search that needs no server. bantin writes each language's index
// (src/search/mod.rs explains the files); this script loads it only once
// a query is made, finds the articles that have every syllable of the query,
// with or without Vietnamese marks, ranks them and lists title, date and a
// snippet with the match in <mark>. Under Node it exports its matching and
// ranking (module.exports), so tests run them against a real index.
(function () {
  "use strict";

  var VERSION = 1;
  var MAX_SYLLABLES = 12;
  var MAX_SYLLABLE_CHARS = 64;
  var PAGE_SIZE = 10;
  var hasOwn = Object.prototype.hasOwnProperty;

  // ---------------------------------------------------------------------
  // Syllables. Each must come out exactly as the index builder makes it:
  // `fold` mirrors bantin's fold_marks (src/text/slug.rs) and `spelling` its
  // namesake in src/search/tokens.rs; a Node test compares them on the
  // builder's own output.

  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var MARK = /^\p{M}$/u;
  var ALPHABETIC = /^\p{Alphabetic}$/u;
  var ASCII = /^[\x00-\x7f]*$/;
  var LATIN = /^[A-Za-z\u00C0-\u024F\u0250-\u02AF\u1D00-\u1DBF\u1E00-\u1EFF\u2C60-\u2C7F\uA720-\uA7FF\uAB30-\uAB6F]$/u;
  var TONE = /^[\u0300\u0301\u0303\u0309\u0323]$/;
  // Letters whose stroke is part of the glyph, so decomposition leaves them be.
  var STROKES = {
    "đ": "d", "ð": "d", "ɖ": "d", "ł": "l", "ƚ": "l", "ø": "o", "ħ": "h",
    "ŧ": "t", "ƀ": "b", "ǥ": "g", "ƶ": "z", "ɨ": "i", "ı": "i", "ȷ": "j", "ʉ": "u"
  };

  // Lowercase, marks on Latin letters dropped, đ → d: "Chuyển" → "chuyen".
  // Marks on letters of other scripts stay (Cyrillic "й").
  function fold(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    var out = "";
    var dropMarks = true;
    for (var ch of text) {
      if (ch.charCodeAt(0) < 0x80) {
        out += ch.toLowerCase();
        dropMarks = true;
        continue;
      }
      // Lowercase each part: a lowercase mapping may itself add a mark.
      for (var part of ch.normalize("NFKD")) {
        for (var lower of part.toLowerCase()) {
          if (MARK.test(lower)) {
            if (!dropMarks) out += lower;
            continue;
          }
          var base = hasOwn.call(STROKES, lower) ? STROKES[lower] : lower;
          dropMarks = LATIN.test(base) || !ALPHABETIC.test(base);
          out += base;
        }
      }
    }
    return out.normalize("NFC");
  }

  // Lowercase with every mark, the tone marks moved last, so the place of
  // the tone ("hòa"/"hoà", "thủy"/"thuỷ") does not matter but the tone does.
  function spelling(word) {
    if (ASCII.test(word)) return word.toLowerCase();
    var lower = "";
    for (var ch of word) lower += ch.toLowerCase();
    var base = "";
    var tones = "";
    for (var c of lower.normalize("NFD")) {
      if (TONE.test(c)) tones += c;
      else base += c;
    }
    return (base + tones).normalize("NFC");
  }

  // The syllables of `text` with where they are in it. A fold longer than
  // MAX_SYLLABLE_CHARS is cut to that many characters, which are then its
  // spelling too, as bantin indexes it (MAX_SYLLABLE_CHARS in search.rs).
  function syllables(text) {
    var out = [];
    for (var m of text.matchAll(WORD)) {
      var f = fold(m[0]);
      if (!f) continue;
      var end = cutAt(f);
      var s = end < 0 ? spelling(m[0]) : (f = f.slice(0, end));
      out.push({ fold: f, spelling: s, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  // Where `f` is cut (in UTF-16 units), or -1 if it is short enough.
  function cutAt(f) {
    if (f.length <= MAX_SYLLABLE_CHARS) return -1;
    var at = 0;
    for (var n = 0; n < MAX_SYLLABLE_CHARS; n++) at += f.codePointAt(at) > 0xffff ? 2 : 1;
    return at < f.length ? at : -1;
  }

  // ---------------------------------------------------------------------
  // Postings: numbers written as characters (see `varint` in search.rs).

  var FINAL = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var LEADING = "!#$%&'()*+,./:;<=>?@[]^`{|}~";
  var DIGIT = new Int16Array(128).fill(-100);
  for (var d = 0; d < FINAL.length; d++) DIGIT[FINAL.charCodeAt(d)] = d;
  for (d = 0; d < LEADING.length; d++) DIGIT[LEADING.charCodeAt(d)] = -1 - d;

  // "…" → [[article, [positions…]], …]
  function decode(encoded) {
    var numbers = [];
    var high = 0;
    for (var i = 0; i < encoded.length; i++) {
      var code = encoded.charCodeAt(i);
      var digit = code < 128 ? DIGIT[code] : -100;
      if (digit >= 0) {
        numbers.push(high * 64 + digit);
        high = 0;
      } else if (digit > -100) {
        high = high * 28 + (-1 - digit);
      } else {
        throw new Error("bad postings");
      }
    }
    var postings = [];
    var doc = 0;
    for (var k = 0; k < numbers.length;) {
      var head = numbers[k++];
      doc += Math.floor(head / 2);
      var count = head % 2 ? numbers[k++] + 2 : 1;
      var positions = new Array(count);
      var next = 0;
      for (var j = 0; j < count; j++) {
        next += numbers[k++];
        positions[j] = next;
        next += 1;
      }
      if (k > numbers.length) throw new Error("bad postings");
      postings.push([doc, positions]);
      doc += 1;
    }
    return postings;
  }

  // ---------------------------------------------------------------------
  // Ranking. An article matches when it has every syllable of the query
  // (folded). Matches are ordered by, in turn:
  //  1. the syllables found together, in order, as the query's phrase;
  //  2. exact marks: a phrase spelled as the query, or for scattered
  //     syllables each spelled so somewhere. A query typed with no marks at
  //     all is "unaccented": every spelling counts as exact for it. A query
  //     with any mark counts all of them, so "cho" there means "cho", not "chợ";
  //  3. that match in the title;
  //  4. how often it occurs, by powers of two (1, 2–3, 4–7, …) so a mention
  //     more does not outweigh being newer;
  //  5. newer first.
  // Phrase comes before exact marks because the scattered syllables of a
  // phrase ("số" here, "đổi" there) say little about an article, while the
  // phrase typed without marks is the same words.

  function queryOf(text) {
    return syllables(text.normalize("NFC")).slice(0, MAX_SYLLABLES);
  }

  // query: from queryOf; titles: the manifest's title lengths;
  // terms: fold → { spelling: postings }. Returns the matches, best first:
  // { doc, rank, weight, at } where `at` is a body syllable to centre a
  // snippet on (-1: none).
  function rank(query, titles, terms) {
    var n = query.length;
    if (!n) return [];
    var unaccented = query.every(function (s) { return s.spelling === s.fold; });
    // Per query syllable: article → [[positions, exact], …] (one per spelling).
    var lists = [];
    var decoded = new Map();
    for (var i = 0; i < n; i++) {
      var q = query[i];
      if (!hasOwn.call(terms, q.fold)) return [];
      var byDoc = new Map();
      var variants = terms[q.fold];
      // "" is the spelling that is the fold itself; a lone one is a string.
      if (typeof variants === "string") variants = { "": variants };
      for (var spelled in variants) {
        if (!hasOwn.call(variants, spelled)) continue;
        var key = q.fold + "\u0000" + spelled;
        if (!decoded.has(key)) decoded.set(key, decode(variants[spelled]));
        var exact = unaccented || (spelled || q.fold) === q.spelling;
        for (var entry of decoded.get(key)) {
          var parts = byDoc.get(entry[0]);
          if (!parts) byDoc.set(entry[0], (parts = []));
          parts.push([entry[1], exact]);
        }
      }
      lists.push(byDoc);
    }
    var smallest = lists.reduce(function (a, b) { return a.size <= b.size ? a : b; });
    var results = [];
    for (var doc of smallest.keys()) {
      if (!lists.every(function (l) { return l.has(doc); })) continue;
      var maps = lists.map(function (l) {
        var m = new Map();
        for (var part of l.get(doc)) for (var p of part[0]) m.set(p, part[1]);
        return m;
      });
      results.push(score(doc, maps, titles[doc] || 0));
    }
    results.sort(function (a, b) { return b.rank - a.rank || b.weight - a.weight || b.doc - a.doc; });
    return results;
  }

  // maps: per query syllable, position → exact; title: syllables in the
  // title (its positions are below it, the body's above it).
  function score(doc, maps, title) {
    var n = maps.length;
    var phrases = [];
    maps[0].forEach(function (first, p) {
      var all = first;
      for (var i = 1; i < n; i++) {
        var e = maps[i].get(p + i);
        if (e === undefined) return;
        all = all && e;
      }
      phrases.push([p, all]);
    });
    var adjacent = phrases.length > 0;
    var exact, inTitle, count, at = -1;
    if (adjacent) {
      exact = phrases.some(function (o) { return o[1]; });
      var chosen = phrases.filter(function (o) { return o[1] === exact; });
      inTitle = chosen.some(function (o) { return o[0] < title; });
      count = chosen.length;
      for (var o of chosen) if (o[0] > title && (at < 0 || o[0] < at)) at = o[0];
    } else {
      exact = maps.every(function (m) { return someValue(m, function (p, e) { return e; }); });
      var counts = maps.map(function (m) { return countValues(m, function (p, e) { return e || !exact; }); });
      count = Math.min.apply(null, counts);
      inTitle = maps.every(function (m) {
        return someValue(m, function (p, e) { return p < title && (e || !exact); });
      });
      maps.forEach(function (m) {
        m.forEach(function (e, p) { if (p > title && (e || !exact) && (at < 0 || p < at)) at = p; });
      });
    }
    return {
      doc: doc,
      rank: (adjacent ? 4 : 0) + (exact ? 2 : 0) + (inTitle ? 1 : 0),
      weight: 31 - Math.clz32(count),
      at: at < 0 ? -1 : at - title - 1
    };
  }

  function someValue(map, test) {
    for (var entry of map) if (test(entry[0], entry[1])) return true;
    return false;
  }

  function countValues(map, test) {
    var count = 0;
    for (var entry of map) if (test(entry[0], entry[1])) count++;
    return count;
  }

  // ---------------------------------------------------------------------
  // The index: the manifest, then shards and article records on demand.
  // `load(path, build)` returns a promise of the JSON at `path` (relative to
  // the manifest); `build` is the manifest's stamp, for cache busting.

  function Index(manifest, load) {
    if (!manifest || manifest.version !== VERSION || !Array.isArray(manifest.titles)) {
      throw new Error("unsupported search index");
    }
    this.manifest = manifest;
    this.load = load;
    this.cache = new Map();
  }

  Index.open = function (load) {
    return Promise.resolve(load("search-index.json")).then(function (manifest) {
      return new Index(manifest, load);
    });
  };

  Index.prototype.fetch = function (path) {
    var self = this;
    if (!this.cache.has(path)) {
      var loading = Promise.resolve(this.load(path, this.manifest.build));
      // A failed load may be retried later.
      loading.catch(function () { self.cache.delete(path); });
      this.cache.set(path, loading);
    }
    return this.cache.get(path);
  };

  // The shard number of a fold: that of its longest prefix in the map.
  Index.prototype.shardOf = function (f) {
    var shards = this.manifest.shards || {};
    var chars = Array.from(f);
    for (var len = chars.length; len > 0; len--) {
      var prefix = chars.slice(0, len).join("");
      if (hasOwn.call(shards, prefix)) return shards[prefix];
    }
    return -1;
  };

  // fold → { spelling: postings } for the given folds that exist.
  Index.prototype.terms = function (folds) {
    if (this.manifest.terms) return Promise.resolve(this.manifest.terms);
    var self = this;
    var numbers = [];
    folds.forEach(function (f) {
      var n = self.shardOf(f);
      if (n >= 0 && numbers.indexOf(n) < 0) numbers.push(n);
    });
    return Promise.all(numbers.map(function (n) { return self.fetch("search/terms/" + n + ".json"); }))
      .then(function (shards) {
        var terms = {};
        folds.forEach(function (f) {
          shards.forEach(function (shard) { if (hasOwn.call(shard, f)) terms[f] = shard[f]; });
        });
        return terms;
      });
  };

  // Resolves to { query, results } (see `rank`).
  Index.prototype.search = function (text) {
    var query = queryOf(text);
    var titles = this.manifest.titles;
    return this.terms(query.map(function (s) { return s.fold; })).then(function (terms) {
      return { query: query, results: rank(query, titles, terms) };
    });
  };

  // { title, href, date, text } of article `doc`.
  Index.prototype.record = function (doc) {
    return this.fetch("search/doc/" + doc + ".json");
  };

  // ---------------------------------------------------------------------
  // Highlighting: text cut into [{ text, mark }] segments. Where the whole
  // phrase appears, it is marked; otherwise each query syllable is, unless
  // `phraseOnly` (the article matched as a phrase: a lone "sở" in its title
  // would only distract).

  var BEFORE = 12;
  var AFTER = 24;
  // At most this much text (UTF-16 units) in a snippet: a run of letters
  // with no spaces would otherwise be shown whole, megabytes of it.
  var MAX_SNIPPET = 1000;

  function highlight(text, query, phraseOnly) {
    var tokens = syllables(text);
    return segments(text, tokens, marked(tokens, query, phraseOnly), 0, text.length);
  }

  // A window of `text` around body syllable `at` (or the first match).
  function snippet(text, query, at, phraseOnly) {
    var tokens = syllables(text);
    if (!tokens.length) return [{ text: text.slice(0, 200), mark: false }];
    var marks = marked(tokens, query, phraseOnly);
    var centre = at >= 0 && at < tokens.length ? at : Math.max(0, marks.indexOf(true));
    var from = Math.max(0, centre - BEFORE);
    var to = Math.min(tokens.length, centre + query.length + AFTER);
    var start = from === 0 ? 0 : tokens[from].start;
    var end = to === tokens.length ? text.length : tokens[to - 1].end;
    if (end - start > MAX_SNIPPET) {
      start = Math.max(start, tokens[centre].start - MAX_SNIPPET / 4);
      end = Math.min(end, start + MAX_SNIPPET);
      // Not between the two halves of a character beyond the BMP.
      if (/[\uDC00-\uDFFF]/.test(text[start] || "")) start++;
      if (/[\uD800-\uDBFF]/.test(text[end - 1] || "")) end--;
    }
    var out = segments(text, tokens, marks, start, end);
    if (start > 0) out.unshift({ text: "… ", mark: false });
    if (end < text.length) out.push({ text: " …", mark: false });
    return out;
  }

  function marked(tokens, query, phraseOnly) {
    var n = query.length;
    var marks = tokens.map(function () { return false; });
    var phrase = false;
    for (var i = 0; n > 1 && i + n <= tokens.length; i++) {
      var k = 0;
      while (k < n && tokens[i + k].fold === query[k].fold) k++;
      if (k === n) {
        for (k = 0; k < n; k++) marks[i + k] = true;
        phrase = true;
      }
    }
    if (!phrase && !phraseOnly) {
      var folds = query.map(function (s) { return s.fold; });
      tokens.forEach(function (t, j) { marks[j] = folds.indexOf(t.fold) >= 0; });
    }
    return marks;
  }

  // Marked syllables separated only by spaces become one <mark>.
  function segments(text, tokens, marks, start, end) {
    var out = [];
    var at = start; // where the text not yet written starts
    var markFrom = -1;
    var markTo = -1;
    function closeMark() {
      if (markFrom < 0) return;
      out.push({ text: text.slice(markFrom, markTo), mark: true });
      at = markTo;
      markFrom = -1;
    }
    for (var j = 0; j < tokens.length; j++) {
      // The part of a syllable inside the window: all of it, but for a
      // snippet cut inside a long run of letters.
      var tStart = Math.max(tokens[j].start, start);
      var tEnd = Math.min(tokens[j].end, end);
      if (!marks[j] || tStart >= tEnd) continue;
      if (markFrom >= 0 && /^\s*$/.test(text.slice(markTo, tStart))) {
        markTo = tEnd;
        continue;
      }
      closeMark();
      if (tStart > at) out.push({ text: text.slice(at, tStart), mark: false });
      markFrom = tStart;
      markTo = tEnd;
    }
    closeMark();
    if (end > at) out.push({ text: text.slice(at, end), mark: false });
    return out;
  }

  var api = {
    VERSION: VERSION,
    fold: fold,
    spelling: spelling,
    syllables: syllables,
    decode: decode,
    queryOf: queryOf,
    rank: rank,
    Index: Index,
    highlight: highlight,
    snippet: snippet
  };
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  // ---------------------------------------------------------------------
  // The page: a form that also works without this script (it submits ?q=),
  // a status line read out by screen readers and a list of results.

  function start() {
    var root = document.getElementById("search");
    if (!root || !window.fetch) return;
    var form = root.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var status = root.querySelector(".search-status");
    var list = root.querySelector(".search-results");
    var more = root.querySelector(".search-more");
    var text = function (name) { return root.getAttribute("data-" + name) || ""; };
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var indexHref = new URL(text("index"), location.href);
    var opening = null;
    var generation = 0;
    var state = null;

    function load(path, build) {
      var url = new URL(path, indexHref);
      // The manifest is revalidated; everything else carries its stamp.
      if (build) url.searchParams.set("b", build);
      return fetch(url, { cache: build ? "default" : "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }

    function index() {
      if (!opening) {
        opening = Index.open(load);
        opening.catch(function () { opening = null; });
      }
      return opening;
    }

    // A function as replacement, so "$&" in a query stays as typed.
    function say(template, query, count) {
      status.textContent = template
        .replace("{count}", function () { return count === undefined ? "" : number.format(count); })
        .replace("{query}", function () { return query; });
    }

    function keepInUrl(query) {
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      if (url.href !== location.href) history.replaceState(null, "", url);
    }

    // The query last run: typing then pressing Enter asks twice.
    var last = null;

    function run(raw) {
      var query = raw.trim();
      if (query === last) return;
      last = query;
      var mine = ++generation;
      keepInUrl(query);
      if (!query) {
        state = null;
        list.replaceChildren();
        status.textContent = "";
        more.hidden = true;
        return;
      }
      say(text("loading"), query);
      index()
        .then(function (ix) {
          return ix.search(query).then(function (found) {
            if (mine !== generation) return;
            state = { ix: ix, found: found, shown: 0, mine: mine };
            list.replaceChildren();
            var total = found.results.length;
            if (!total) say(text("none"), query);
            else say(total === 1 ? text("one") : text("count"), query, total);
            return showMore();
          });
        })
        .catch(function () {
          if (mine !== generation) return;
          say(text("error"), query);
          last = null;
        });
    }

    function showMore() {
      var s = state;
      if (!s) return Promise.resolve();
      var batch = s.found.results.slice(s.shown, s.shown + PAGE_SIZE);
      more.hidden = true;
      return Promise.all(batch.map(function (r) { return s.ix.record(r.doc); })).then(function (records) {
        if (s.mine !== generation) return;
        records.forEach(function (record, i) { list.appendChild(item(record, batch[i], s.found.query)); });
        s.shown += batch.length;
        more.hidden = s.shown >= s.found.results.length;
      });
    }

    var timer = 0;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 250);
    });
    more.addEventListener("click", function () {
      showMore().catch(function () {
        status.textContent = text("error");
        more.hidden = false;
      });
    });
    var initial = new URLSearchParams(location.search).get("q");
    if (initial) {
      input.value = initial;
      run(initial);
    }
  }

  function item(record, result, query) {
    var li = document.createElement("li");
    li.className = "search-result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = record.href;
    // rank ≥ 4: found as a phrase (see `score`).
    var phraseOnly = result.rank >= 4 && query.length > 1;
    fill(link, highlight(record.title, query, phraseOnly));
    heading.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = record.date;
    var text = document.createElement("p");
    text.className = "snippet";
    fill(text, snippet(record.text, query, result.at, phraseOnly));
    li.append(heading, meta, text);
    return li;
  }

  function fill(element, parts) {
    parts.forEach(function (part) {
      if (part.mark) {
        var mark = document.createElement("mark");
        mark.textContent = part.text;
        element.appendChild(mark);
      } else {
        element.appendChild(document.createTextNode(part.text));
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
