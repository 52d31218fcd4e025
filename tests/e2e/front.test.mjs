// The front page and the article extras in a real browser, on the built
// demo portal (see pages.test.mjs for how to run): the lead story, category,
// latest and most-read blocks in both languages, related and most read
// beside an article, share links that load nothing from elsewhere, and the
// copy-link button. Screenshots at 390×844 and 1366×900 go to artifacts/.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { axePath, axeViolations, executablePath, launchBrowser } from "./bantin.mjs";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.env.BANTIN_PUBLIC || join(here, "../../public"));
const artifacts = resolve(join(here, "../../artifacts"));
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 900 } };
const ARTICLE = "/2024/05/khu-du-lich-thac-ban-gioc-don-hon-30-000-luot-khach-dip-nghi-le-30-4-1-5/";

const missing = !existsSync(join(site, "index.html"))
  ? `${site}/index.html does not exist: build the demo portal first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : !existsSync(axePath)
      ? `${axePath} not found: (cd tests/e2e && npm ci)`
      : null;
const options = missing ? { skip: missing } : {};

let server;
let context;
let profile;

before(async () => {
  if (missing) return;
  server = await serve(site);
  profile = mkdtempSync(join(tmpdir(), "bantin-e2e-front-"));
  mkdirSync(artifacts, { recursive: true });
  context = await launchBrowser(profile);
  await context.route((url) => url.hostname !== "127.0.0.1", (route) => route.abort("blockedbyclient"));
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// Opens `path` at `size`, runs `check`, then asserts nothing failed, logged
// an error or left 127.0.0.1.
async function visit(path, size, check) {
  const page = await context.newPage();
  await page.setViewportSize(size);
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (new URL(r.url()).hostname !== "127.0.0.1") problems.push(`left 127.0.0.1: ${r.url()}`);
  });
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
  try {
    assert.equal((await page.goto(server.url + path)).status(), 200, path);
    await page.waitForLoadState("load");
    await check(page);
    assert.deepEqual(problems, [], path);
  } finally {
    await page.close();
  }
}

async function fitsThePhone(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `scrolls sideways: ${scrollWidth} > ${innerWidth}`);
}

for (const [lang, home] of [["vi", "/"], ["en", "/en/"]]) {
  test(`front page (${lang}): lead story, category, latest and most-read blocks`, options, async () => {
    for (const [sizeName, size] of Object.entries(SIZES)) {
      await visit(home, size, async (page) => {
        const lead = page.locator(".front-top .card.lead");
        assert.equal(await lead.count(), 1, "one lead story");
        assert.ok(await lead.locator("h2 a").isVisible());
        const categories = page.locator(".block-category");
        assert.ok((await categories.count()) >= 3, "at least three category blocks");
        for (let i = 0; i < (await categories.count()); i++) {
          assert.ok((await categories.nth(i).locator("a").count()) >= 2, "a category block lists its articles");
        }
        assert.ok((await page.locator(".block-latest li").count()) > 0, "latest block");
        const ranked = page.locator(".block-most_read li");
        assert.ok((await ranked.count()) > 0, "most-read block");
        // A card's summary is cut short, never the whole first paragraph.
        for (const summary of await page.locator(".card .summary").allTextContents()) {
          assert.ok(summary.length <= 161, `summary of ${summary.length} characters`);
        }
        // The lead card's text sits beside its photo, or spans the card without one.
        const leadBox = await lead.boundingBox();
        const titleBox = await lead.locator("h2").boundingBox();
        if (!(await lead.locator("img").count())) {
          assert.ok(titleBox.width > leadBox.width * 0.8, "a lead without a photo leaves no empty column");
        }
        if (sizeName === "phone") await fitsThePhone(page);
        await page.screenshot({ path: join(artifacts, `front-${lang}-${size.width}x${size.height}.png`), fullPage: true });
        assert.deepEqual(await axeViolations(page), [], `${home} at ${sizeName}`);
      });
    }
  });
}

test("most-read page: ranked by views in both languages", options, async () => {
  for (const path of ["/xem-nhieu/", "/en/most-read/"]) {
    await visit(path, SIZES.phone, async (page) => {
      const views = await page.locator("#most-read-all_time ~ ol li .meta").allTextContents();
      const counts = views.map((v) => Number(v.replace(/.*: /, "").replace(/[.,]/g, "")));
      assert.ok(counts.length > 0, "the all-time list has articles");
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), "most views first");
      await fitsThePhone(page);
      assert.deepEqual(await axeViolations(page), [], path);
    });
  }
});

test("article: related and most read beside it, share links without trackers", options, async () => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  for (const [sizeName, size] of Object.entries(SIZES)) {
    await visit(ARTICLE, size, async (page) => {
      assert.ok((await page.locator(".related li a").count()) > 0, "related articles");
      assert.ok((await page.locator(".most-read li a").count()) > 0, "most read");
      const own = new URL(ARTICLE, "https://example.org/").href;
      const facebook = await page.locator(".share a", { hasText: "Facebook" }).getAttribute("href");
      assert.equal(facebook, `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(own)}`);
      const zalo = await page.locator(".share a", { hasText: "Zalo" }).getAttribute("href");
      assert.ok(zalo.startsWith("https://sp.zalo.me/share?url="), zalo);
      const scripts = await page.locator("script[src]").evaluateAll((s) => s.map((e) => e.src));
      assert.ok(scripts.every((src) => new URL(src).hostname === "127.0.0.1"), `${scripts}`);
      assert.equal(await page.locator("iframe").count(), 0);
      if (sizeName === "phone") await fitsThePhone(page);
      await page.screenshot({ path: join(artifacts, `article-extras-${size.width}x${size.height}.png`), fullPage: true });
      assert.deepEqual(await axeViolations(page), [], `${ARTICLE} at ${sizeName}`);
    });
  }
  await visit(ARTICLE, SIZES.desktop, async (page) => {
    await page.locator(".copy-link").click();
    await page.locator(".share-status", { hasText: "Đã sao chép" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, new URL(ARTICLE, "https://example.org/").href);
  });
});
