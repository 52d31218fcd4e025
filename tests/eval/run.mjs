// The search evaluation: the judged queries of tests/eval/queries.json run
// in headless Chromium (playwright-core, Debian's chromium) on a built
// site, through the search page as a reader uses it, printing nDCG@10, MRR,
// the queries with no result and the bytes each first query fetched
// (as served, and gzipped as a host that compresses JSON would send them).
//
//   node tests/eval/run.mjs SITE [--pagefind] [--floor] [--queries FILE]
//
// SITE: a bantin build of the evaluation site (.ci/run makes it: the demo
// portal plus tests/eval/content). --pagefind also runs the same queries
// through Pagefind's JS API on SITE/pagefind/ (made by `pagefind --site
// SITE`) and prints both side by side. --floor exits 1 when bantin falls
// below the floor in queries.json. Each query is run in a fresh browser
// context, so nothing is cached from the one before.
import { readFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

import { serve } from "../e2e/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../e2e/package.json"));
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const site = resolve(args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--queries") || "public");
const withPagefind = args.includes("--pagefind");
const checkFloor = args.includes("--floor");
// --queries FILE: other queries, e.g. unjudged ones to measure bytes on a
// generated corpus.
const queriesAt = args.indexOf("--queries");
const judged = JSON.parse(readFileSync(queriesAt >= 0 ? resolve(args[queriesAt + 1]) : join(here, "queries.json"), "utf8"));
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

const SEARCH_PAGE = { vi: "/tim-kiem/", en: "/en/search/" };
const HOME = { vi: "/", en: "/en/" };

// nDCG@10 with graded gains (2^grade − 1), and the reciprocal rank of the
// first relevant title in the first ten.
function measures(titles, relevant) {
  const gain = (t) => (relevant[t] ? 2 ** relevant[t] - 1 : 0);
  const discount = (i) => 1 / Math.log2(i + 2);
  const top = titles.slice(0, 10);
  const dcg = top.reduce((sum, t, i) => sum + gain(t) * discount(i), 0);
  const ideal = Object.values(relevant).sort((a, b) => b - a).slice(0, 10);
  const idcg = ideal.reduce((sum, g, i) => sum + (2 ** g - 1) * discount(i), 0);
  const first = top.findIndex((t) => relevant[t] > 0);
  return { ndcg: idcg ? dcg / idcg : 0, rr: first < 0 ? 0 : 1 / (first + 1) };
}

// Runs `search(page)` in a fresh context; returns its titles and the bytes
// of the responses `counted(path)` picks, raw and gzipped.
async function run(browser, url, counted, search) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (counted(path)) bodies.push(r.body().catch(() => Buffer.alloc(0)));
  });
  try {
    await page.goto(url);
    // Every file the results need is in once they are shown.
    const found = await search(page);
    const buffers = await Promise.all(bodies);
    const raw = buffers.reduce((n, b) => n + b.length, 0);
    // A host that compresses sends the smaller: Pagefind's files are gzip already.
    const gzip = buffers.reduce((n, b) => n + Math.min(b.length, gzipSync(b).length), 0);
    return { ...found, raw, gzip };
  } finally {
    await context.close();
  }
}

const bantin = {
  name: "bantin",
  url: (q) => SEARCH_PAGE[q.lang],
  counted: (p) => p.endsWith(".json") || p.endsWith("/js/search.js") || p.endsWith("/js/stem.js"),
  async search(page, q) {
    const input = page.locator("#search input[name=q]");
    await input.fill(q.q);
    await input.press("Enter");
    const status = page.locator("#search .search-status");
    const loading = await page.locator("#search").getAttribute("data-loading");
    await page.waitForFunction(
      ([q, loading]) => {
        const s = document.querySelector("#search .search-status").textContent;
        return s.includes(q) && !s.startsWith(loading.replace("{query}", "").trim());
      },
      [q.q.trim(), loading],
    );
    // The first page of results, once their records are in.
    await page.waitForFunction(() => {
      const more = document.querySelector("#search .search-more");
      const items = document.querySelectorAll("#search .search-results > li").length;
      return items > 0 || !/\d/.test(document.querySelector("#search .search-status").textContent) || !more.hidden;
    });
    const titles = await page.locator("#search .search-results > li h2").allTextContents();
    const count = Number(((await status.textContent()).match(/[\d.,]+/) || ["0"])[0].replace(/[.,]/g, "")) || 0;
    return { titles: titles.map((t) => t.trim()), count: titles.length ? count : 0 };
  },
};

const pagefind = {
  name: "Pagefind",
  url: (q) => HOME[q.lang],
  counted: (p) => p.startsWith("/pagefind/"),
  async search(page, q) {
    return page.evaluate(async (text) => {
      const pf = await import("/pagefind/pagefind.js");
      await pf.init();
      const found = await pf.search(text);
      const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
      return { titles: data.map((d) => (d.meta.title || "").trim()), count: found.results.length };
    }, q.q);
  },
};

async function evaluate(browser, server, engine) {
  const rows = [];
  for (const q of judged.queries) {
    const got = await run(browser, server.url + engine.url(q), engine.counted, (page) => engine.search(page, q));
    rows.push({ q, ...got, ...measures(got.titles, q.relevant) });
  }
  const mean = (k) => rows.reduce((s, r) => s + r[k], 0) / rows.length;
  const median = (k) => {
    const v = rows.map((r) => r[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  return {
    name: engine.name,
    rows,
    ndcg: mean("ndcg"),
    mrr: mean("rr"),
    zero: rows.filter((r) => r.count === 0).length,
    raw: median("raw"),
    gzip: median("gzip"),
  };
}

const fmt = (x) => x.toFixed(3);
const kib = (n) => (n / 1024).toFixed(1) + " KiB";

const missing = !existsSync(join(site, SEARCH_PAGE.vi, "index.html"))
  ? `${site} has no search page: build the evaluation site first`
  : !existsSync(executablePath) ? `${executablePath} not found` : null;
if (missing) {
  console.error(missing);
  process.exit(1);
}
const server = await serve(site);
const profile = mkdtempSync(join(tmpdir(), "bantin-eval-"));
const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const results = [await evaluate(browser, server, bantin)];
  if (withPagefind) results.push(await evaluate(browser, server, pagefind));
  console.log(`${judged.queries.length} judged queries on ${site}\n`);
  console.log("query".padEnd(34) + results.map((r) => `${r.name} nDCG  RR  n`.padStart(26)).join(""));
  judged.queries.forEach((q, i) => {
    const cells = results.map((r) => {
      const row = r.rows[i];
      return `${fmt(row.ndcg)} ${fmt(row.rr)} ${String(row.count).padStart(4)}`.padStart(26);
    });
    console.log(`${q.lang} ${q.kind.padEnd(9)} ${q.q}`.slice(0, 34).padEnd(34) + cells.join(""));
  });
  console.log("");
  const table = [["", ...results.map((r) => r.name)],
    ["nDCG@10", ...results.map((r) => fmt(r.ndcg))],
    ["MRR", ...results.map((r) => fmt(r.mrr))],
    ["zero-result queries", ...results.map((r) => String(r.zero))],
    ["bytes per first query, median, as served", ...results.map((r) => kib(r.raw))],
    ["bytes per first query, median, gzip host", ...results.map((r) => kib(r.gzip))]];
  for (const row of table) console.log(row[0].padEnd(44) + row.slice(1).map((c) => c.padStart(12)).join(""));
  if (checkFloor) {
    const floor = judged.floor;
    const ours = results[0];
    const below = [];
    if (ours.ndcg < floor.ndcg) below.push(`nDCG@10 ${fmt(ours.ndcg)} < ${floor.ndcg}`);
    if (ours.mrr < floor.mrr) below.push(`MRR ${fmt(ours.mrr)} < ${floor.mrr}`);
    if (ours.zero > floor.zero_results) below.push(`${ours.zero} zero-result queries > ${floor.zero_results}`);
    if (below.length) {
      console.error(`\nsearch evaluation below its floor: ${below.join("; ")}`);
      process.exitCode = 1;
    } else {
      console.log(`\nabove the floor (nDCG@10 ≥ ${floor.ndcg}, MRR ≥ ${floor.mrr}, zero-result ≤ ${floor.zero_results})`);
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
