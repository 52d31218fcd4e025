// Search that needs no server. bantin writes each language's index
// (src/search/mod.rs explains the files); this script loads it only once
// a query is made, finds the articles that have the syllables of the query,
// with or without Vietnamese marks, ranks them, and cuts the title and a
// snippet with the match marked; search-page.js shows them. Under Node it
// exports its matching and ranking (module.exports), so tests run them
// against a real index; in a browser, as window.bantinSearch.
(function () {
  "use strict";

  var VERSION = 3;
  var MAX_SYLLABLES = 12;
  var MAX_SYLLABLE_CHARS = 64;
  var hasOwn = Object.prototype.hasOwnProperty;
  // English word forms (stem.js, loaded before this script).
  var stemEnglish = typeof module === "object" && module && module.exports
    ? require("./stem.js").stemEnglish
    : window.bantinStemEnglish;

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
  // With `stemmer` (an index's: see `Index`), a fold of letters a–z is
  // stemmed, and `plain` keeps it as it was.
  function syllables(text, stemmer) {
    var out = [];
    for (var m of text.matchAll(WORD)) {
      var f = fold(m[0]);
      if (!f) continue;
      var end = cutAt(f);
      var s = end < 0 ? spelling(m[0]) : (f = f.slice(0, end));
      var plain = f;
      if (stemmer && end < 0) f = stemmer(f);
      out.push({ fold: f, spelling: s, plain: plain, start: m.index, end: m.index + m[0].length });
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

  // The numbers a string of varints holds.
  function varints(encoded) {
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
    return numbers;
  }

  // "…" → [[article, [positions…]], …]
  function decode(encoded) {
    var numbers = varints(encoded);
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
  // Ranking. Each syllable of the query is matched by, from best to worst:
  // the whole syllable (folded); for the last one, while it is still being
  // typed (nothing after it), the syllables it begins (at most
  // MAX_EXPANSIONS, those that follow the syllable before it in some
  // article first, then the most used); and, for a syllable of TYPO_MIN
  // letters or more that is not in the index, those one letter away
  // (wrong, missing, extra or swapped). An article needs only some of
  // them: each syllable counts by its rarity (inverse document frequency)
  // times how it matched, and articles whose share of the query is below
  // FLOOR are not listed. A last syllable being typed that matches nothing
  // yet counts for nothing. Matches are ordered by, in turn:
  //  1. the worst way a syllable of the query matched (whole, begun,
  //     mistyped, missing); among articles missing some, the share;
  //  2. the longest run of the query's syllables found together, in order
  //     (the whole query: its phrase);
  //  3. exact marks: that run spelled as the query, or for scattered
  //     syllables each spelled so somewhere. A query typed with no marks at
  //     all is "unaccented": every spelling of the word typed counts as
  //     exact for it. A query with any mark counts all of them, so "cho"
  //     there means "cho", not "chợ";
  //  4. the field it is found in: title, then tags/category/author, body,
  //     captions, code;
  //  5. how often it occurs, by powers of two (1, 2–3, 4–7, …) so a mention
  //     more does not outweigh being newer;
  //  6. newer first.
  // Phrase comes before exact marks because the scattered syllables of a
  // phrase ("số" here, "đổi" there) say little about an article, while the
  // phrase typed without marks is the same words. When the best match has
  // the query's whole phrase, articles where no two of its syllables are
  // together are left out too: "đồng đăng" scattered over thousands of
  // articles is not a result.

  var MIN_PREFIX = 2; // characters typed before a lone syllable is expanded
  var MAX_EXPANSIONS = 24;
  var TYPO_MIN = 4;
  var MAX_TYPOS = 4;
  var FLOOR = 0.5;
  var WHOLE = 3, BEGUN = 2, MISTYPED = 1, MISSING = 0;
  var QUALITY = [0, 0.5, 0.7, 1];
  // Per field, in the index's order (title, labels, captions, code, body):
  // its rank, higher first.
  var FIELD_RANK = [5, 4, 2, 1, 3];
  var FIELDS = 5;

  // The query's syllables, keyed as the index keys them (`stemmer`: the
  // manifest's), each with `plain`, its fold before stemming; the last is
  // `typing` when nothing follows it.
  function queryOf(text, stemmer) {
    text = text.normalize("NFC");
    var query = syllables(text, stemmer).slice(0, MAX_SYLLABLES);
    var last = query[query.length - 1];
    if (last) last.typing = last.end === text.length;
    // Articles' text is cut the same way to mark what matched.
    query.stemmer = stemmer;
    return query;
  }

  // A spelling as typed so far matches `spelled` when its letters and marks
  // begin it and its tone, if typed, is the same.
  function beginsSpelling(spelled, typed) {
    var a = toneSplit(spelled);
    var b = toneSplit(typed);
    return a[0].startsWith(b[0]) && (!b[1] || a[1] === b[1]);
  }

  function toneSplit(word) {
    var base = "";
    var tones = "";
    for (var c of word.normalize("NFD")) {
      if (TONE.test(c)) tones += c;
      else base += c;
    }
    return [base, tones];
  }

  // Whether folds `a` and `b` are one letter apart.
  function oneLetterApart(a, b) {
    if (a === b) return false;
    if (a.length === b.length) {
      var diff = [];
      for (var i = 0; i < a.length && diff.length < 3; i++) if (a[i] !== b[i]) diff.push(i);
      if (diff.length === 1) return true;
      return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
    }
    if (Math.abs(a.length - b.length) !== 1) return false;
    var long = a.length > b.length ? a : b;
    var short = a.length > b.length ? b : a;
    var k = 0;
    while (k < short.length && short[k] === long[k]) k++;
    return short.slice(k) === long.slice(k + 1);
  }

  // The bytes of a fold's postings: how much it is used.
  function weightOf(entry) {
    if (typeof entry === "string") return entry.length;
    var total = 0;
    for (var k in entry) if (hasOwn.call(entry, k)) total += entry[k].length;
    return total;
  }

  // Calls `each(spelled, postings)` for the spellings of a fold's entry.
  function eachSpelling(entry, each) {
    // "" is the spelling that is the fold itself; a lone one is a string.
    if (typeof entry === "string") return each("", entry);
    for (var spelled in entry) if (hasOwn.call(entry, spelled)) each(spelled, entry[spelled]);
  }

  // The folds each syllable of `query` matches in `terms`, as [fold, how]:
  // the whole syllable, what a syllable being typed begins, or what one
  // letter away from a missing one is. Sets each syllable's `folds`.
  function candidates(query, terms, decoded) {
    var folds = Object.keys(terms);
    return query.map(function (q, i) {
      var found = [];
      if (hasOwn.call(terms, q.fold)) found.push([q.fold, WHOLE]);
      var minimum = i > 0 ? 1 : MIN_PREFIX;
      if (q.typing && !q.broad && q.plain.length >= minimum) {
        // On a large site, only those listed as following the syllable
        // before (`Index.prototype.terms`) are loaded.
        var begun = (q.begun || folds).filter(function (f) {
          return f !== q.fold && f.startsWith(q.plain) && hasOwn.call(terms, f);
        });
        if (begun.length > MAX_EXPANSIONS) begun = mostLikely(begun, query[i - 1], terms, decoded);
        begun.forEach(function (f) { found.push([f, BEGUN]); });
      }
      if (!found.length && Array.from(q.fold).length >= TYPO_MIN) {
        var near = folds.filter(function (f) { return oneLetterApart(f, q.fold); });
        near.sort(function (a, b) { return weightOf(terms[b]) - weightOf(terms[a]) || (a < b ? -1 : 1); });
        near.slice(0, MAX_TYPOS).forEach(function (f) { found.push([f, MISTYPED]); });
      }
      q.folds = found.map(function (c) { return c[0]; });
      return found;
    });
  }

  // The MAX_EXPANSIONS of `begun` most likely meant: those found right
  // after the syllable `before` in the most articles, then the most used.
  function mostLikely(begun, before, terms, decoded) {
    var follows = new Map();
    if (before && hasOwn.call(terms, before.fold)) {
      var after = new Set();
      eachSpelling(terms[before.fold], function (spelled, postings) {
        for (var e of decodeOnce(decoded, before.fold, spelled, postings)) {
          for (var p of e[1]) after.add(e[0] * 65536 + p + 1);
        }
      });
      begun.forEach(function (f) {
        var docs = new Set();
        eachSpelling(terms[f], function (spelled, postings) {
          for (var e of decodeOnce(decoded, f, spelled, postings)) {
            if (e[1].some(function (p) { return after.has(e[0] * 65536 + p); })) docs.add(e[0]);
          }
        });
        follows.set(f, docs.size);
      });
    }
    var score = function (f) { return follows.get(f) || 0; };
    return begun
      .sort(function (a, b) {
        return score(b) - score(a) || weightOf(terms[b]) - weightOf(terms[a]) || (a < b ? -1 : 1);
      })
      .slice(0, MAX_EXPANSIONS);
  }

  function decodeOnce(decoded, f, spelled, postings) {
    var key = f + "\u0000" + spelled;
    if (!decoded.has(key)) decoded.set(key, decode(postings));
    return decoded.get(key);
  }

  // query: from queryOf; fields: per article, the syllables in its title,
  // labels, captions and code (FIELDS - 1 numbers each, see `Index`);
  // terms: fold → { spelling: postings }, at least those the query needs.
  // Returns the matches above the floor, best first: { doc, rank, weight,
  // at } where `rank` orders them (higher first, as a list of numbers)
  // and `at` is a body syllable to centre a snippet on (-1: none).
  function rank(query, fields, terms) {
    var n = query.length;
    if (!n) return [];
    var articles = fields.length / (FIELDS - 1);
    var unaccented = query.every(function (s) { return s.spelling === s.plain; });
    var decoded = new Map();
    var found = candidates(query, terms, decoded);
    // Per query syllable: article → { how, positions: Map(position → exact) }.
    var lists = found.map(function (cands, i) {
      var q = query[i];
      var byDoc = new Map();
      cands.forEach(function (c) {
        eachSpelling(terms[c[0]], function (spelled, postings) {
          var word = spelled || c[0];
          var exact = c[1] === MISTYPED ? false
            : c[1] === BEGUN ? unaccented || beginsSpelling(word, q.spelling)
            : unaccented ? fold(word) === q.plain : word === q.spelling;
          for (var e of decodeOnce(decoded, c[0], spelled, postings)) {
            var hit = byDoc.get(e[0]);
            if (!hit) byDoc.set(e[0], (hit = { how: c[1], positions: new Map() }));
            hit.how = Math.max(hit.how, c[1]);
            for (var p of e[1]) hit.positions.set(p, hit.positions.get(p) || exact);
          }
        });
      });
      return byDoc;
    });
    // A syllable still being typed that matches nothing yet counts for nothing.
    var counted = lists.map(function (l, i) { return l.size > 0 || !query[i].typing; });
    var rarity = lists.map(function (l, i) {
      return counted[i] ? Math.log(1 + articles / Math.max(1, l.size)) : 0;
    });
    var total = rarity.reduce(function (a, b) { return a + b; }, 0);
    if (!total) return [];
    var docs = new Set();
    lists.forEach(function (l) { for (var d of l.keys()) docs.add(d); });
    var results = [];
    for (var doc of docs) {
      var hits = lists.map(function (l) { return l.get(doc); });
      var share = 0;
      var worst = WHOLE;
      hits.forEach(function (h, i) {
        if (!counted[i]) return;
        worst = Math.min(worst, h ? h.how : MISSING);
        if (h) share += rarity[i] * QUALITY[h.how];
      });
      share /= total;
      if (share < FLOOR) continue;
      var r = score(doc, hits, fields, share, worst);
      results.push(r);
    }
    results.sort(function (a, b) {
      for (var k = 0; k < a.rank.length; k++) if (a.rank[k] !== b.rank[k]) return b.rank[k] - a.rank[k];
      return b.weight - a.weight || b.doc - a.doc;
    });
    var whole = counted.filter(Boolean).length;
    var best = results[0];
    if (best && whole > 1 && best.run === whole && best.rank[0] >= BEGUN) {
      results = results.filter(function (r) { return r.run >= 2; });
    }
    return results;
  }

  // The field of position `p` in article `doc` (see `rank`), and where
  // the body starts.
  function fieldStarts(fields, doc) {
    var starts = [];
    var at = 0;
    for (var f = 0; f < FIELDS - 1; f++) {
      starts.push(at);
      at += fields[doc * (FIELDS - 1) + f] + 1;
    }
    starts.push(at);
    return starts;
  }

  function fieldOf(starts, p) {
    var f = FIELDS - 1;
    while (f > 0 && p < starts[f]) f--;
    return f;
  }

  // hits: per query syllable, undefined or { how, positions }.
  function score(doc, hits, fields, share, worst) {
    var starts = fieldStarts(fields, doc);
    var body = starts[FIELDS - 1];
    // Runs of the query's syllables found together: for each syllable and
    // position, how many of the next ones follow it there.
    var best = { run: 0, exact: false, field: 0, count: 0, at: -1 };
    var runs = [];
    for (var i = hits.length - 1; i >= 0; i--) {
      var h = hits[i];
      var next = runs[i + 1];
      var here = new Map();
      if (h) {
        h.positions.forEach(function (exact, p) {
          var after = next && next.get(p + 1);
          here.set(p, after ? { run: after.run + 1, exact: exact && after.exact } : { run: 1, exact: exact });
        });
      }
      runs[i] = here;
    }
    runs.forEach(function (here) {
      here.forEach(function (o, p) {
        var field = FIELD_RANK[fieldOf(starts, p)];
        if (o.run < best.run) return;
        if (o.run > best.run) best = { run: o.run, exact: o.exact, field: field, count: 0, at: -1 };
        else if (o.exact && !best.exact) best = { run: o.run, exact: true, field: field, count: 0, at: -1 };
        else if (o.exact !== best.exact) return;
        best.field = Math.max(best.field, field);
        best.count++;
        if (p >= body && (best.at < 0 || p < best.at)) best.at = p;
      });
    });
    if (best.run === 1 && hits.filter(Boolean).length > 1) {
      // Scattered: each syllable found somewhere, spelled as typed if all can be.
      var found = hits.filter(Boolean);
      var exact = found.every(function (h) { return someValue(h.positions, function (p, e) { return e; }); });
      var counts = [];
      var field = FIELD_RANK[0];
      best.at = -1;
      found.forEach(function (h) {
        var top = 0;
        var count = 0;
        h.positions.forEach(function (e, p) {
          if (!e && exact) return;
          count++;
          top = Math.max(top, FIELD_RANK[fieldOf(starts, p)]);
          if (p >= body && (best.at < 0 || p < best.at)) best.at = p;
        });
        counts.push(count);
        field = Math.min(field, top);
      });
      best.exact = exact;
      best.field = field;
      best.count = Math.min.apply(null, counts);
    }
    return {
      doc: doc,
      rank: [worst, worst === MISSING ? Math.round(share * 100) : 0, best.run, best.exact ? 1 : 0, best.field],
      run: best.run,
      weight: 31 - Math.clz32(best.count),
      at: best.at < 0 ? -1 : best.at - body
    };
  }

  function someValue(map, test) {
    for (var entry of map) if (test(entry[0], entry[1])) return true;
    return false;
  }

  // ---------------------------------------------------------------------
  // The index: the manifest, then shards and article records on demand.
  // `load(path, build)` returns a promise of the JSON at `path` (relative to
  // the manifest); `build` is the manifest's stamp, for cache busting.

  function Index(manifest, load) {
    if (!manifest || manifest.version !== VERSION || typeof manifest.fields !== "string") {
      throw new Error("unsupported search index");
    }
    this.manifest = manifest;
    this.load = load;
    this.cache = new Map();
    // Per article, oldest first: the syllables in its title, labels,
    // captions and code, as varints (its body's follow).
    this.fields = Int32Array.from(varints(manifest.fields));
    this.stemmer = manifest.stemmer === "english" ? stemEnglish : null;
    // Articles in the index.
    this.size = this.fields.length / (FIELDS - 1);
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

  // The shards that hold the folds beginning with `prefix`: its own, and
  // those of the longer prefixes in the map that begin with it.
  Index.prototype.shardsBegun = function (prefix) {
    var shards = this.manifest.shards || {};
    var found = [];
    var own = this.shardOf(prefix);
    if (own >= 0) found.push(own);
    for (var key in shards) {
      if (hasOwn.call(shards, key) && key.startsWith(prefix) && found.indexOf(shards[key]) < 0) found.push(shards[key]);
    }
    return found;
  };

  // fold → { spelling: postings }: every term of the shards the query
  // needs (all of them, inline). The last syllable, while typed, is looked
  // up as a beginning in the shards what it begins is in, if one or two.
  // Otherwise (one letter on a large site: every fold in "d"), after
  // another syllable, in the shards of the folds found right after that
  // one that it begins (`search/next/<n>.json` beside that one's shard),
  // the most found first, as many as fall in two shards (`begun`); alone,
  // it is `broad`: matched whole, if at all, until more is typed.
  Index.prototype.terms = function (query) {
    if (this.manifest.terms) return Promise.resolve(this.manifest.terms);
    var self = this;
    var wanted = [];
    var add = function (n) { if (n >= 0 && wanted.indexOf(n) < 0) wanted.push(n); };
    var following = null;
    query.forEach(function (q, i) {
      add(self.shardOf(q.fold));
      if (!q.typing) return;
      var begun = q.plain.length >= (i > 0 ? 1 : MIN_PREFIX) ? self.shardsBegun(q.plain) : [];
      if (begun.length <= 2) begun.forEach(add);
      else if (i > 0) following = self.following(query[i - 1].fold, q);
      else q.broad = true;
    });
    return Promise.resolve(following).then(function () {
      (query[query.length - 1].begun || []).forEach(function (f) { add(self.shardOf(f)); });
      wanted.sort(function (a, b) { return a - b; });
      return Promise.all(wanted.map(function (n) { return self.fetch("search/terms/" + n + ".json"); }));
    }).then(function (shards) {
      return shards.length === 1 ? shards[0] : Object.assign.apply(null, [{}].concat(shards));
    });
  };

  // Sets `q.begun`: the folds `q` (being typed) begins among those found
  // right after fold `before`, the most found first, as many as are in
  // two shards, at most MAX_EXPANSIONS.
  Index.prototype.following = function (before, q) {
    var self = this;
    var shard = this.shardOf(before);
    q.begun = [];
    if (shard < 0) return null;
    return this.fetch("search/next/" + shard + ".json").then(function (next) {
      var listed = hasOwn.call(next, before) ? next[before].split(" ") : [];
      var shards = [];
      listed.forEach(function (f) {
        if (!f.startsWith(q.plain) || q.begun.length === MAX_EXPANSIONS) return;
        var n = self.shardOf(f);
        if (shards.indexOf(n) < 0) {
          if (shards.length === 2) return;
          shards.push(n);
        }
        q.begun.push(f);
      });
    });
  };

  // Resolves to { query, results } (see `rank`).
  Index.prototype.search = function (text) {
    var query = queryOf(text, this.stemmer);
    var fields = this.fields;
    return this.terms(query).then(function (terms) {
      return { query: query, results: rank(query, fields, terms) };
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
    var tokens = syllables(text, query.stemmer);
    return segments(text, tokens, marked(tokens, query, phraseOnly), 0, text.length);
  }

  // A window of `text` around body syllable `at` (or the first match).
  function snippet(text, query, at, phraseOnly) {
    var tokens = syllables(text, query.stemmer);
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
      while (k < n && matches(query[k], tokens[i + k].fold)) k++;
      if (k === n) {
        for (k = 0; k < n; k++) marks[i + k] = true;
        phrase = true;
      }
    }
    if (!phrase && !phraseOnly) {
      tokens.forEach(function (t, j) {
        marks[j] = query.some(function (q) { return matches(q, t.fold); });
      });
    }
    return marks;
  }

  // Whether a syllable of the query matched fold `f`: itself, or one of
  // the folds it was matched by (`rank` sets them).
  function matches(q, f) {
    return q.folds ? q.folds.indexOf(f) >= 0 : f === q.fold;
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
    stemEnglish: stemEnglish,
    decode: decode,
    queryOf: queryOf,
    rank: rank,
    Index: Index,
    highlight: highlight,
    snippet: snippet
  };
  if (typeof module === "object" && module && module.exports) module.exports = api;
  else window.bantinSearch = api;
})();
