// Node tests of themes/default/static/js/search.js. The unit tests run on
// their own (`node --test tests/js/`); the rest need the indexes and cases
// that `cargo test --test search_js` builds with bantin and passes in
// BANTIN_SEARCH_FIXTURES, and are skipped without them.
import test from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const search = require(join(here, "../../themes/default/static/js/search.js"));

const fixtures = process.env.BANTIN_SEARCH_FIXTURES;
const withFixtures = fixtures
  ? {}
  : { skip: "BANTIN_SEARCH_FIXTURES is not set: run `cargo test --test search_js`" };

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

// An index from the fixtures, recording what it loads.
async function open(name) {
  const dir = join(fixtures, name);
  const loads = [];
  const load = (path) => {
    loads.push(path);
    return Promise.resolve(readJson(join(dir, path)));
  };
  return { ix: await search.Index.open(load), loads, dir };
}

async function titles(ix, query) {
  const found = await ix.search(query);
  return Promise.all(found.results.map((r) => ix.record(r.doc).then((d) => d.title)));
}

const text = (segments) => segments.map((s) => s.text).join("");
const marks = (segments) => segments.filter((s) => s.mark).map((s) => s.text);

test("fold removes marks and folds đ", () => {
  assert.equal(search.fold("Chuyển Đổi Số"), "chuyen doi so");
  assert.equal(search.fold("ĐẠI HỌC Đắk Lắk"), "dai hoc dak lak");
  assert.equal(search.fold("Chuyển".normalize("NFD")), "chuyen");
  assert.equal(search.fold("hòa hoà thủy thuỷ"), "hoa hoa thuy thuy");
  assert.equal(search.fold("Łódź Øre İstanbul ﬁnal ＡＢＣ"), "lodz ore istanbul final abc");
  // Marks that are part of a letter of another script stay.
  assert.equal(search.fold("Йошкар"), "йошкар");
});

test("spelling keeps marks but not where the tone sits", () => {
  const same = [["hòa", "hoà"], ["thủy", "thuỷ"], ["khỏe", "khoẻ"], ["Hóa", "hoá"], ["HÒA", "hoà"]];
  for (const [a, b] of same) assert.equal(search.spelling(a), search.spelling(b), `${a} / ${b}`);
  const different = ["số", "sổ", "sơ", "so", "sở", "sợ"];
  assert.equal(new Set(different.map(search.spelling)).size, different.length);
  assert.notEqual(search.spelling("đổi"), search.spelling("dổi"));
});

test("syllables are runs of letters, digits and marks", () => {
  const got = search.syllables("Thúc đẩy chuyển-đổi số, COVID-19!");
  assert.deepEqual(got.map((s) => s.fold), ["thuc", "day", "chuyen", "doi", "so", "covid", "19"]);
  assert.deepEqual([got[2].start, got[2].end], [9, 15]);
  assert.deepEqual(search.syllables(" \u0301 … "), []);
});

test("postings decode", () => {
  // Article 0 once at 5; article 2 at 1 and 3; article 3 once at 64.
  assert.deepEqual(search.decode("05" + "3011" + "0#0"), [[0, [5]], [2, [1, 3]], [3, [64]]]);
  assert.deepEqual(search.decode(""), []);
  assert.throws(() => search.decode("0\"5"));
  assert.throws(() => search.decode("1"));
});

test("highlight marks the phrase as one, or each syllable", () => {
  const q = search.queryOf("chuyen doi so");
  const phrase = search.highlight("Thúc đẩy chuyển đổi số, số hoá.", q);
  assert.equal(text(phrase), "Thúc đẩy chuyển đổi số, số hoá.");
  assert.deepEqual(marks(phrase), ["chuyển đổi số"]);
  const scattered = search.highlight("Số liệu về chuyển giao và đổi mới.", q);
  assert.deepEqual(marks(scattered), ["Số", "chuyển", "đổi"]);
  assert.deepEqual(marks(search.highlight("Không có gì", q)), []);
  // An article found by the phrase gets no marks on lone syllables.
  assert.deepEqual(marks(search.highlight("Số liệu về chuyển giao", q, true)), []);
});

test("snippet is a window around the match", () => {
  const words = Array.from({ length: 80 }, (_, i) => `từ${i}`);
  words.splice(50, 0, "chuyển", "đổi", "số");
  const body = words.join(" ");
  const q = search.queryOf("chuyển đổi số");
  const atMatch = search.snippet(body, q, 50);
  assert.equal(atMatch[0].text, "… ");
  assert.equal(atMatch[atMatch.length - 1].text, " …");
  assert.deepEqual(marks(atMatch), ["chuyển đổi số"]);
  assert.ok(text(atMatch).length < body.length / 2);
  // Without a position it centres on the first match it finds.
  assert.deepEqual(marks(search.snippet(body, q, -1)), ["chuyển đổi số"]);
  // A short text is shown whole.
  assert.equal(text(search.snippet("Chuyển đổi số.", q, 0)), "Chuyển đổi số.");
});

test("a run of letters is found by its first 64 characters and shown in part", () => {
  const run = "đ".repeat(100000);
  const q = search.queryOf(run);
  assert.deepEqual(q.map((s) => [s.fold, s.spelling]), [["d".repeat(64), "d".repeat(64)]]);
  assert.deepEqual(search.queryOf("D".repeat(65)).map((s) => s.fold), ["d".repeat(64)]);
  const body = `Mở đầu ${run} và ${"𠀀".repeat(5000)} kết thúc.`;
  for (const [query, at] of [[q, 2], [search.queryOf("𠀀".repeat(64)), 4]]) {
    const shown = search.snippet(body, query, at);
    const length = text(shown).length;
    assert.ok(length > 900 && length < 1010, `${length}`);
    assert.equal(marks(shown).length, 1);
    assert.ok(!/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(marks(shown)[0]));
  }
});

test("an index of another format is refused", async () => {
  await assert.rejects(search.Index.open(() => ({ version: 999, titles: [] })));
});

test("syllables are cut and keyed as bantin does", withFixtures, () => {
  for (const { text: source, syllables } of readJson(join(fixtures, "syllables.json"))) {
    const got = search.syllables(source).map(({ fold, spelling }) => ({ fold, spelling }));
    assert.deepEqual(got, syllables, JSON.stringify(source));
  }
});

test("English words are stemmed as bantin stems them", withFixtures, () => {
  for (const { text: source, syllables } of readJson(join(fixtures, "stemmed.json"))) {
    const got = search.syllables(source, search.stemEnglish).map(({ fold, spelling }) => ({ fold, spelling }));
    assert.deepEqual(got, syllables, source.slice(0, 60));
  }
});

test("ranking cases from tests/search_js.rs", withFixtures, async () => {
  const indexes = new Map();
  for (const c of readJson(join(fixtures, "cases.json"))) {
    if (!indexes.has(c.index)) indexes.set(c.index, await open(c.index));
    const got = await titles(indexes.get(c.index).ix, c.query);
    if (c.expect) assert.deepEqual(got, c.expect, `${c.index}: ${c.query}`);
    if (c.first) assert.equal(got[0], c.first, `${c.index}: ${c.query} → ${got.join(" | ")}`);
  }
});

test("the demo's first result shows the phrase in its snippet", withFixtures, async () => {
  const { ix } = await open("demo-vi");
  const found = await ix.search("chuyen doi so");
  const best = found.results[0];
  assert.ok(best.at >= 0);
  const record = await ix.record(best.doc);
  const shown = marks(search.snippet(record.text, found.query, best.at));
  assert.ok(shown.length > 0);
  for (const m of shown) assert.equal(search.fold(m), "chuyen doi so");
});

test("shards answer as the inline index does, loading only what is needed", withFixtures, async () => {
  const inline = await open("large-inline");
  const sharded = await open("large-sharded");
  const shardCount = readdirSync(join(sharded.dir, "search/terms")).length;
  assert.ok(inline.ix.manifest.terms && !inline.ix.manifest.shards);
  assert.ok(sharded.ix.manifest.shards && !sharded.ix.manifest.terms);
  assert.ok(shardCount > 20, `${shardCount} shards`);
  const queries = ["chuyển đổi số", "chuyen doi so", "thông tin", "Cao Bằng", "sở", "và", "hạ tầng số",
    "UBND tỉnh", "2023", "hòa bình", "không có từ này"];
  // Each query complete (a space after it): a syllable still being typed
  // is looked up as a beginning, in one or two shards more.
  for (const q of queries) {
    sharded.loads.length = 0;
    const a = await inline.ix.search(q + " ");
    const b = await sharded.ix.search(q + " ");
    assert.deepEqual(b.results, a.results, q);
    const folds = new Set(a.query.map((s) => s.fold));
    assert.ok(sharded.loads.length <= folds.size, `${q}: loaded ${sharded.loads.join(", ")}`);
    assert.ok(sharded.loads.every((p) => p.startsWith("search/terms/")), q);
  }
  // A beginning whose folds are in more than two shards ("s") is looked
  // up among the folds that follow the syllable before it (one list more);
  // the others answer as inline.
  let narrow = 0;
  let following = 0;
  for (const q of ["chuyển đổi s", "hạ tần", "truyền thôn", "cung cấ", "chuyển đổi số trực tuy", "chuyển đ", "thông t"]) {
    sharded.loads.length = 0;
    const b = await sharded.ix.search(q);
    const folds = new Set(b.query.map((s) => s.fold));
    const shards = sharded.loads.filter((p) => p.startsWith("search/terms/"));
    const lists = sharded.loads.filter((p) => p.startsWith("search/next/"));
    assert.ok(shards.length <= folds.size + 2, `${q}: loaded ${sharded.loads.join(", ")}`);
    assert.ok(b.results.length > 0, q);
    const last = b.query[b.query.length - 1];
    assert.ok(!last.broad, q);
    if (last.begun) {
      following++;
      assert.equal(lists.length, 1, `${q}: loaded ${sharded.loads.join(", ")}`);
      assert.ok(last.begun.length > 0 && last.begun.every((f) => f.startsWith(last.plain)), q);
      // The whole phrase, its last syllable begun, comes first.
      assert.equal(b.results[0].run, b.query.length, q);
      continue;
    }
    assert.equal(lists.length, 0, q);
    narrow++;
    assert.deepEqual(b.results, (await inline.ix.search(q)).results, q);
  }
  assert.ok(narrow >= 2, `${narrow} prefixes answered from their shards`);
  assert.ok(following >= 2, `${following} prefixes answered from what follows`);
  // Alone, a beginning in more than two shards waits for more letters.
  sharded.loads.length = 0;
  const alone = await sharded.ix.search("th");
  assert.ok(alone.query[0].broad);
  assert.ok(sharded.loads.length <= 1, sharded.loads.join(", "));
  const found = await inline.ix.search("chuyển đổi số");
  assert.ok(found.results.length > 7);
});
