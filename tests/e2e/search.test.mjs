// The search page in a real browser: Debian's Chromium, driven by
// playwright-core, on the built demo portal (`cargo run --release -- build`
// writes public/; BANTIN_PUBLIC points elsewhere). Run from the repository:
// `(cd tests/e2e && npm ci) && node --test tests/e2e/`.
// Skipped, saying why, when the portal has no search page yet or there is
// no Chromium (CHROMIUM overrides /usr/bin/chromium).
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { executablePath, launchBrowser } from "./bantin.mjs";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.env.BANTIN_PUBLIC || join(here, "../../public"));

const SEED_VI =
  "Phó Chủ tịch UBND tỉnh Trịnh Trường Huy làm việc với sở Thông tin và Truyền thông";
const SEED_EN =
  "Provincial Vice Chairman Trịnh Trường Huy works with the Department of Information and Communications";

const missing = !existsSync(join(site, "tim-kiem/index.html"))
  ? `${site}/tim-kiem/index.html does not exist: build the demo portal first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : null;
const options = missing ? { skip: missing } : {};

let server;
let context;
let profile;

before(async () => {
  if (missing) return;
  server = await serve(site);
  profile = mkdtempSync(join(tmpdir(), "bantin-e2e-"));
  context = await launchBrowser(profile);
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// Opens `path` in a new tab, runs `check(page, requests)` and then asserts
// the page logged no console error and no request failed.
async function visit(path, check, { setup } = {}) {
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  try {
    if (setup) await setup(page);
    await page.goto(server.url + path);
    await check(page, requests);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

const results = (page) => page.locator("ol.search-results > li");

test("Vietnamese: typed without marks, the seed article comes first", options, async () => {
  await visit("/tim-kiem/", async (page, requests) => {
    assert.equal(await page.locator("html").getAttribute("lang"), "vi");
    const form = page.getByRole("search");
    const input = form.getByRole("searchbox", { name: /\S/ });
    // The index is loaded only once a query is made.
    await page.waitForLoadState("load");
    assert.ok(!requests.some((p) => p.endsWith("search-index.json")), requests.join(" "));

    await input.pressSequentially("chuyen doi so");
    await input.press("Enter");
    await results(page).first().waitFor();
    assert.equal((await results(page).first().locator("h2 a").textContent()).trim(), SEED_VI);
    assert.equal(await results(page).first().locator("h2 a").getAttribute("href"),
      "/2023/06/pho-chu-tich-ubnd-tinh-trinh-truong-huy-lam-viec-voi-so-thong-tin-va-truyen-thong/");
    assert.ok((await results(page).count()) >= 3);
    const marked = await page.locator("ol.search-results mark").allTextContents();
    assert.ok(marked.length > 0, "no <mark> in the results");
    assert.ok(marked.some((m) => /chuyển đổi số/i.test(m)), marked.join(" | "));
    assert.match(await page.getByRole("status").textContent(), /\d/);
    assert.equal(new URL(page.url()).searchParams.get("q"), "chuyen doi so");
    assert.ok(requests.some((p) => p === "/search-index.json"));
    assert.ok(!requests.some((p) => p.startsWith("/en/")), "loaded the English index");
  });
});

test("Vietnamese: results while typing, before the last syllable is whole", options, async () => {
  await visit("/tim-kiem/", async (page) => {
    const input = page.getByRole("search").getByRole("searchbox", { name: /\S/ });
    // No Enter: the page searches as the editor types.
    await input.pressSequentially("chuyển đ", { delay: 30 });
    await page.getByRole("status").filter({ hasText: "chuyển đ" }).waitFor();
    await results(page).first().waitFor();
    assert.equal((await results(page).first().locator("h2 a").textContent()).trim(), SEED_VI);
    const marked = await page.locator("ol.search-results mark").allTextContents();
    assert.ok(marked.some((m) => /^chuyển đổi/i.test(m)), marked.join(" | "));
    assert.doesNotMatch(await page.getByRole("status").textContent(), /Không tìm thấy/);
  });
});

test("Vietnamese: the query in the URL runs on load, with marks", options, async () => {
  await visit("/tim-kiem/?q=" + encodeURIComponent("chuyển đổi số"), async (page) => {
    await results(page).first().waitFor();
    assert.equal(await page.getByRole("searchbox").inputValue(), "chuyển đổi số");
    assert.equal((await results(page).first().locator("h2 a").textContent()).trim(), SEED_VI);
    assert.ok((await results(page).first().locator("mark").count()) > 0);
  });
});

test("Vietnamese: no results says so", options, async () => {
  await visit("/tim-kiem/?q=zzzqqq", async (page) => {
    await page.getByRole("status").filter({ hasText: "zzzqqq" }).waitFor();
    assert.equal(await results(page).count(), 0);
  });
});

test("English: a typed query on /en/search/", options, async () => {
  await visit("/en/search/", async (page, requests) => {
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    const input = page.getByRole("search").getByRole("searchbox", { name: /\S/ });
    await input.pressSequentially("digital transformation");
    await input.press("Enter");
    await results(page).first().waitFor();
    assert.equal((await results(page).first().locator("h2 a").textContent()).trim(), SEED_EN);
    assert.ok((await page.locator("ol.search-results mark").count()) > 0);
    assert.ok(requests.includes("/en/search-index.json"), requests.join(" "));
  });
});

test("without the script, the form submits ?q=", options, async () => {
  const setup = (page) =>
    page.route("**/js/search.js", (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: "" }),
    );
  await visit("/tim-kiem/", async (page) => {
    const input = page.getByRole("searchbox");
    await input.fill("chuyen doi so");
    await Promise.all([page.waitForURL(/[?&]q=/), input.press("Enter")]);
    assert.equal(new URL(page.url()).pathname, "/tim-kiem/");
    assert.equal(new URL(page.url()).searchParams.get("q"), "chuyen doi so");
  }, { setup });
});
