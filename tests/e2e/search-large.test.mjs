// Search as you type on a large, sharded index, in a real browser: a site of
// a few hundred short articles with thousands of distinct syllables in "d",
// built by the release binary with the layout every build uses, so that the
// folds one letter begins fill more than two shards — as at 10,000 pairs.
// Typing "chuyển đ" must still show the "chuyển đổi số" articles, found
// through the list of what follows "chuyển" (search/next/<n>.json).
// Needs the release binary (or BANTIN=path) and Debian's Chromium.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bantin = process.env.BANTIN || join(repo, "target/release/bantin");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

const missing = !existsSync(bantin)
  ? `${bantin} not found: cargo build --release first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : null;
const options = missing ? { skip: missing } : {};

const ARTICLES = 300;
const TOPIC_EVERY = 25;

let work;
let server;
let browser;

// Syllable k of the made-up vocabulary: "d" and two to four letters.
function syllable(k) {
  const letters = "abceghiklmnopqrstuvxy";
  let out = "d";
  for (let n = k + letters.length; n > 0; n = Math.floor(n / letters.length)) out += letters[n % letters.length];
  return out;
}

// Article i: sixty syllables of the vocabulary, drawn by a fixed rule so the
// site is the same every run; one in TOPIC_EVERY is about "chuyển đổi số".
function article(i) {
  const words = [];
  for (let j = 0; j < 60; j++) words.push(syllable((i * 7919 + j * j * 104729) % 5000));
  const topic = i % TOPIC_EVERY === 0;
  const title = topic ? `Chuyển đổi số ở xã thứ ${i}` : `Bản tin số ${i}`;
  const body = (topic ? "Xã đẩy mạnh chuyển đổi số trong mọi việc. " : "") + words.join(" ") + ".";
  const day = String((i % 28) + 1).padStart(2, "0");
  const month = String((i % 12) + 1).padStart(2, "0");
  return `---\ntitle: ${title}\ndate: 2025-${month}-${day} 08:00\n---\n\n${body}\n`;
}

before(async () => {
  if (missing) return;
  work = mkdtempSync(join(tmpdir(), "bantin-e2e-search-large-"));
  const site = join(work, "site");
  const init = spawnSync(bantin, ["init", site], { encoding: "utf8" });
  assert.equal(init.status, 0, init.stderr);
  mkdirSync(join(site, "content/2025"), { recursive: true });
  for (let i = 0; i < ARTICLES; i++) writeFileSync(join(site, `content/2025/ban-tin-${i}.vi.md`), article(i));
  const built = spawnSync(bantin, ["build", "--quiet", "--root", site, "--out", join(work, "public")], { encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  server = await serve(join(work, "public"));
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the site's index is sharded, and what one letter begins spans more than two shards", options, () => {
  const manifest = JSON.parse(readFileSync(join(work, "public/search-index.json"), "utf8"));
  assert.ok(manifest.shards && !manifest.terms, "sharded");
  const inD = new Set(Object.keys(manifest.shards).filter((p) => p.startsWith("d")).map((p) => manifest.shards[p]));
  assert.ok(inD.size > 2, `folds in "d" are in ${inD.size} shards`);
});

test("typing `chuyển đ` on a sharded index shows the `chuyển đổi số` articles", options, async () => {
  const page = await browser.newPage();
  const requests = [];
  const problems = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  try {
    await page.goto(server.url + "/tim-kiem/");
    const input = page.getByRole("search").getByRole("searchbox", { name: /\S/ });
    // No Enter: the page searches as the reader types.
    await input.pressSequentially("chuyển đ", { delay: 30 });
    await page.getByRole("status").filter({ hasText: "chuyển đ" }).waitFor();
    const results = page.locator("ol.search-results > li");
    await results.first().waitFor();
    const titles = (await results.locator("h2").allTextContents()).map((t) => t.trim());
    const topics = Math.ceil(ARTICLES / TOPIC_EVERY);
    assert.equal(titles.filter((t) => t.startsWith("Chuyển đổi số")).length, Math.min(topics, titles.length), titles.join(" | "));
    const marked = await page.locator("ol.search-results mark").allTextContents();
    assert.ok(marked.some((m) => /^chuyển đổi/i.test(m)), marked.join(" | "));
    assert.doesNotMatch(await page.getByRole("status").textContent(), /Không tìm thấy/);
    // Found through what follows "chuyển", in a few shards, not all of "d".
    assert.ok(requests.some((p) => p.startsWith("/search/next/")), requests.join(" "));
    const shards = new Set(requests.filter((p) => p.startsWith("/search/terms/")));
    assert.ok(shards.size <= 4, [...shards].join(" "));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
