// The search page (templates/search.html): a form that also works without
// scripts (it submits ?q=), searching as the reader types, a status line
// read out by screen readers, and the results ten at a time. The matching
// and ranking are search.js's (loaded before this script, with stem.js).
(function () {
  "use strict";

  var search = window.bantinSearch;
  if (!search) return;
  var Index = search.Index;
  var highlight = search.highlight;
  var snippet = search.snippet;
  var PAGE_SIZE = 10;

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
      // Kept as typed at the end: a last syllable with nothing after it is
      // still being typed, and matched as a beginning.
      var typed = raw.replace(/^\s+/, "");
      var query = typed.trim();
      if (typed === last) return;
      last = typed;
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
          return ix.search(typed).then(function (found) {
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
        var left = s.found.results.length - s.shown;
        more.hidden = left <= 0;
        more.textContent = text("more").replace("{count}", function () {
          return number.format(Math.min(left, PAGE_SIZE));
        });
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
    // Found as the query's phrase (see `score`).
    var phraseOnly = result.run === query.length && query.length > 1;
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
