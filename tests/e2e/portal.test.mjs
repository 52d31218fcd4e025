// What a state portal's readers expect beyond the news, in a real browser
// (Debian's Chromium, driven by playwright-core) on the built demo portal:
// the main menu behind a button on a phone, working without scripts; the
// text-size control (remembered, nothing moving as a page loads); the
// print button on articles and pages. Run as pages.test.mjs is: build the
// demo (`cargo run --release -- build`), `(cd tests/e2e && npm ci)`, then
// `node --test tests/e2e/`.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.env.BANTIN_PUBLIC || join(here, "../../public"));
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

const ARTICLE = "/2023/06/pho-chu-tich-ubnd-tinh-trinh-truong-huy-lam-viec-voi-so-thong-tin-va-truyen-thong/";
const PAGE = "/gioi-thieu/co-cau-to-chuc/";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const missing = !existsSync(join(site, PAGE, "index.html"))
  ? `${join(site, PAGE)}index.html does not exist: build the demo portal first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : null;
const options = missing ? { skip: missing } : {};

let server;
let browser;

before(async () => {
  if (missing) return;
  const { chromium } = await import("playwright-core");
  server = await serve(site);
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// A fresh context (its own storage) at `size`, with or without scripts.
async function open(path, { size = PHONE, javaScriptEnabled = true, context } = {}) {
  const own = context || (await browser.newContext({ viewport: size, javaScriptEnabled }));
  const page = await own.newPage();
  await page.goto(server.url + path);
  await page.waitForLoadState("load");
  return { page, context: own };
}

for (const javaScriptEnabled of [true, false]) {
  test(`phone: the menu is behind a button (scripts ${javaScriptEnabled ? "on" : "off"})`, options, async () => {
    const { page, context } = await open(PAGE, { javaScriptEnabled });
    const header = await page.locator("header.masthead").boundingBox();
    assert.ok(header.height <= 120, `the header is ${header.height}px tall at 390×844`);
    const button = page.locator("#site-nav > summary");
    const menu = page.locator("#site-nav nav");
    assert.ok(await button.isVisible(), "a menu button on a phone");
    assert.ok(!(await menu.isVisible()), "the menu is closed");
    await button.click();
    assert.ok(await menu.isVisible(), "the button opens the menu");
    const about = page.locator('#site-nav a[href="/gioi-thieu/"]');
    assert.equal(await about.getAttribute("aria-current"), "true");
    const current = page.locator('#site-nav a[aria-current="page"]');
    assert.equal(await current.getAttribute("href"), PAGE);
    assert.ok(await current.isVisible(), "children show in the phone menu");
    await button.click();
    assert.ok(!(await menu.isVisible()), "and closes it");
    await context.close();
  });
}

test("desktop: the menu is open, with no button", options, async () => {
  const { page, context } = await open(PAGE, { size: DESKTOP });
  assert.ok(await page.locator('#site-nav a[href="/lien-he/"]').isVisible());
  assert.ok(!(await page.locator("#site-nav > summary").isVisible()));
  const header = await page.locator("header.masthead").boundingBox();
  assert.ok(header.height <= 120, `the header is ${header.height}px tall`);
  await context.close();
});

test("text size: A+ and A− change the text, the choice is remembered, nothing shifts", options, async () => {
  const { page, context } = await open(ARTICLE);
  const size = () => page.locator(".article-body p").first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  const tools = () => page.locator(".reader-tools").boundingBox();
  const normal = await size();
  const before = await tools();
  await page.getByRole("button", { name: "Tăng cỡ chữ" }).click();
  await page.getByRole("button", { name: "Tăng cỡ chữ" }).click();
  const larger = await size();
  assert.ok(larger > normal * 1.25, `${normal}px → ${larger}px`);
  assert.deepEqual(await tools(), before, "the controls stay where they were");
  // Remembered: another page opens at the same size, laid out once.
  const next = await context.newPage();
  await next.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await next.goto(server.url + PAGE);
  await next.waitForLoadState("load");
  await next.waitForTimeout(300);
  const body = await next.locator(".article-body p").first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  assert.equal(body, larger);
  assert.equal(await next.evaluate(() => window.__shifts), 0, "no layout shift while the page loads");
  await next.getByRole("button", { name: "Cỡ chữ mặc định" }).click();
  assert.equal(await next.locator(".article-body p").first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize)), normal);
  assert.equal(await next.evaluate(() => localStorage.getItem("bantin-text-size")), null);
  await context.close();
});

test("print: a button on articles and pages prints; no tools without scripts", options, async () => {
  for (const path of [ARTICLE, PAGE, "/en/contact/"]) {
    const { page, context } = await open(path, { size: DESKTOP });
    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => (window.__printed += 1);
    });
    const button = page.locator("[data-print]");
    assert.ok(await button.isVisible(), `${path}: a print button`);
    await button.click();
    assert.equal(await page.evaluate(() => window.__printed), 1, path);
    await page.emulateMedia({ media: "print" });
    assert.ok(!(await button.isVisible()), `${path}: the button is not printed`);
    await context.close();
  }
  const { page, context } = await open(ARTICLE, { javaScriptEnabled: false });
  assert.ok(!(await page.locator(".reader-tools").isVisible()), "buttons that cannot work are not shown");
  await context.close();
});
