// Snowball's English stemmer (Porter2) for bantin's search: the same
// algorithm as the rust-stemmers crate, which bantin runs on the words of an
// English page when it indexes them, so that "desks" finds "desk". A Node
// test (tests/search_js.rs) holds the two to the same stems. Loaded before
// search.js; under Node, required by it.
(function () {
  "use strict";

  var hasOwn = Object.prototype.hasOwnProperty;

  var STEM_VOWEL = /[aeiouy]/;
  var LI_ENDING = "cdeghkmnrt";
  var DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
  var STEM_EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli",
    singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var STEM_KEEP = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];

  function stemEnglish(word) {
    if (!/^[a-z]+$/.test(word)) return word;
    if (hasOwn.call(STEM_EXCEPTIONS, word)) return STEM_EXCEPTIONS[word];
    if (word.length < 3) return word;
    var w = word.split("");
    var isV = function (i) { return STEM_VOWEL.test(w[i]); };
    // Prelude: a y that starts the word or follows a vowel is a consonant.
    if (w[0] === "y") w[0] = "Y";
    for (var i = 1; i < w.length; i++) if (w[i] === "y" && isV(i - 1)) w[i] = "Y";
    // Regions: R1 after the first non-vowel that follows a vowel, R2 the
    // same again after R1.
    var afterVC = function (from) {
      for (var k = from; k + 1 < w.length; k++) if (isV(k) && !isV(k + 1)) return k + 2;
      return w.length;
    };
    var s = w.join("");
    var special = /^(gener|commun|arsen)/.exec(s);
    var p1 = special ? special[0].length : afterVC(0);
    var p2 = afterVC(p1);
    var ends = function (suffix) { return s.length >= suffix.length && s.slice(-suffix.length) === suffix; };
    var longest = function (list) {
      var best = null;
      list.forEach(function (x) { if (ends(x) && (!best || x.length > best.length)) best = x; });
      return best;
    };
    var set = function (t) { s = t; w = t.split(""); };
    var replace = function (suffix, by) { set(s.slice(0, s.length - suffix.length) + by); };
    var hasVowel = function (t) { return STEM_VOWEL.test(t); };
    // A short syllable ends the string `t`.
    var shortv = function (t) {
      var n = t.length;
      var v = function (c) { return STEM_VOWEL.test(c); };
      if (n >= 3 && !v(t[n - 1]) && "wxY".indexOf(t[n - 1]) < 0 && v(t[n - 2]) && !v(t[n - 3])) return true;
      return n === 2 && !v(t[1]) && v(t[0]);
    };

    // Step 1a.
    var a = longest(["sses", "ied", "ies", "s", "us", "ss"]);
    if (a === "sses") replace(a, "ss");
    else if (a === "ied" || a === "ies") replace(a, s.length - a.length > 1 ? "i" : "ie");
    else if (a === "s" && hasVowel(s.slice(0, -2))) replace(a, "");
    if (STEM_KEEP.indexOf(s) >= 0) return s;

    // Step 1b.
    var b = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (b === "eed" || b === "eedly") {
      if (s.length - b.length >= p1) replace(b, "ee");
    } else if (b && hasVowel(s.slice(0, -b.length))) {
      replace(b, "");
      if (ends("at") || ends("bl") || ends("iz")) set(s + "e");
      else if (DOUBLES.indexOf(s.slice(-2)) >= 0) set(s.slice(0, -1));
      else if (s.length === p1 && shortv(s)) set(s + "e");
    }

    // Step 1c.
    if (s.length > 2 && /[yY]$/.test(s) && !STEM_VOWEL.test(s[s.length - 2])) replace("y", "i");

    // Step 2.
    var STEP2 = {
      tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
      ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al",
      alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive",
      biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: ""
    };
    var c = longest(Object.keys(STEP2));
    if (c && s.length - c.length >= p1) {
      var before = s[s.length - c.length - 1] || "";
      if (c === "ogi") { if (before === "l") replace(c, "og"); }
      else if (c === "li") { if (before && LI_ENDING.indexOf(before) >= 0) replace(c, ""); }
      else replace(c, STEP2[c]);
    }

    // Step 3.
    var STEP3 = {
      tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic",
      ful: "", ness: "", ative: ""
    };
    var d = longest(Object.keys(STEP3));
    if (d && s.length - d.length >= p1) {
      if (d !== "ative") replace(d, STEP3[d]);
      else if (s.length - d.length >= p2) replace(d, "");
    }

    // Step 4.
    var e = longest(["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment",
      "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"]);
    if (e && s.length - e.length >= p2) {
      if (e !== "ion") replace(e, "");
      else if (/[st]$/.test(s.slice(0, -3))) replace(e, "");
    }

    // Step 5.
    if (ends("e")) {
      var stemE = s.slice(0, -1);
      if (stemE.length >= p2 || (stemE.length >= p1 && !shortv(stemE))) set(stemE);
    } else if (ends("l")) {
      if (s.length - 1 >= p2 && s[s.length - 2] === "l") set(s.slice(0, -1));
    }
    return s.replace(/Y/g, "y");
  }

  if (typeof module === "object" && module && module.exports) module.exports = { stemEnglish: stemEnglish };
  else if (typeof window !== "undefined") window.bantinStemEnglish = stemEnglish;
})();
