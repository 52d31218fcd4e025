// Readers' experience of every page type, in both languages, in a real
// browser: Debian's Chromium, driven by playwright-core, on the built demo
// portal (`cargo run --release -- build` writes public/; BANTIN_PUBLIC points
// elsewhere). Run from the repository: `(cd tests/e2e && npm ci) && node
// --test tests/e2e/`. Screenshots of every page type at phone and desktop
// sizes go to artifacts/ at the repository root (git-ignored).
// Skipped, saying why, when the portal is not built or there is no Chromium
// (CHROMIUM overrides /usr/bin/chromium).
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

const SEED = "/2023/06/pho-chu-tich-ubnd-tinh-trinh-truong-huy-lam-viec-voi-so-thong-tin-va-truyen-thong/";
const UNTRANSLATED = "/2023/06/hoa-an-nang-cap-he-thong-thuy-loi-chu-dong-nuoc-tuoi-cho-vu-mua/";
const SIZES = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
};

const missing = !existsSync(join(site, SEED, "index.html"))
  ? `${join(site, SEED)}index.html does not exist: build the demo portal first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : !existsSync(axePath)
      ? `${axePath} not found: (cd tests/e2e && npm ci)`
      : null;
const options = missing ? { skip: missing } : {};

let server;
let context;
let profile;
// Page paths found by following links from the seed article, filled in by
// `before`.
const found = {};

before(async () => {
  if (missing) return;
  server = await serve(site);
  profile = mkdtempSync(join(tmpdir(), "bantin-e2e-"));
  mkdirSync(artifacts, { recursive: true });
  context = await launchBrowser(profile, { viewport: SIZES.desktop });
  // Nothing may leave the test server: such requests are answered with an
  // error here (and reported by `visit`), never sent.
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => route.abort("blockedbyclient"),
  );

  const page = await context.newPage();
  const path = (href) => new URL(href, server.url).pathname;
  const attr = async (selector) => path(await page.locator(selector).first().getAttribute("href"));
  await page.goto(server.url + SEED);
  found.articleEn = await attr('link[rel="alternate"][hreflang="en"]');
  found.tagVi = await attr(".article-footer .tags a");
  found.authorVi = await attr(".article-footer .byline a");
  await page.goto(server.url + found.articleEn);
  found.categoryEn = await attr(".article-header .kicker a");
  found.tagEn = await attr(".article-footer .tags a");
  found.authorEn = await attr(".article-footer .byline a");
  // The indexes, from the site map page the footer links.
  await page.goto(server.url + (await attr('footer nav a[href$="/sitemap/"]')));
  found.categoriesEn = await attr('.site-map a[href$="/categories/"]');
  found.tagsEn = await attr('.site-map a[href$="/tags/"]');
  found.authorsEn = await attr('.site-map a[href$="/authors/"]');
  await page.close();
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// Opens `path` in a new tab at `size`, runs `check(page, responses)` and then
// asserts the page logged no console error, no request failed or left
// 127.0.0.1. `responses` lists { url, type, bytes } of what was loaded.
async function visit(path, check, { size = SIZES.desktop, status = 200, colorScheme = "light" } = {}) {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme });
  const problems = [];
  const responses = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // The 404 page is served with status 404, which Chromium logs as an error.
    if (status === 404 && /status of 404/.test(m.text()) && m.location().url === server.url + path) return;
    problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol !== "data:" && url.hostname !== "127.0.0.1") problems.push(`left 127.0.0.1: ${r.url()}`);
  });
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", async (r) => {
    const expected = r.request().isNavigationRequest() && r.frame() === page.mainFrame() ? status : null;
    if (r.status() >= 400 && r.status() !== expected) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    responses.push({ url: r.url(), type: r.request().resourceType(), response: r });
  });
  try {
    const response = await page.goto(server.url + path);
    assert.equal(response.status(), status, path);
    await page.waitForLoadState("load");
    await check(page, responses);
    assert.deepEqual(problems, [], path);
  } finally {
    await page.close();
  }
}

// Every page type in both languages; functions are resolved after `before`.
const PAGES = [
  ["home-vi", () => "/"],
  ["home-en", () => "/en/"],
  ["article-vi", () => SEED],
  ["article-en", () => found.articleEn],
  ["year-vi", () => "/2023/"],
  ["year-en", () => "/en/2023/"],
  ["month-vi", () => "/2023/06/"],
  ["month-en", () => "/en/2023/06/"],
  ["day-vi", () => "/2023/06/05/"],
  ["day-en", () => "/en/2023/06/05/"],
  ["archive-vi", () => "/luu-tru/"],
  ["archive-en", () => "/en/archive/"],
  ["category-vi", () => "/chuyen-muc/chuyen-doi-so/"],
  ["category-en", () => found.categoryEn],
  ["tag-vi", () => found.tagVi],
  ["tag-en", () => found.tagEn],
  ["author-vi", () => found.authorVi],
  ["author-en", () => found.authorEn],
  ["categories-vi", () => "/chuyen-muc/"],
  ["categories-en", () => found.categoriesEn],
  ["tags-vi", () => "/the/"],
  ["tags-en", () => found.tagsEn],
  ["authors-vi", () => "/tac-gia/"],
  ["authors-en", () => found.authorsEn],
  ["search-vi", () => "/tim-kiem/"],
  ["search-en", () => "/en/search/"],
  ["page-vi", () => "/gioi-thieu/co-cau-to-chuc/"],
  ["page-en", () => "/en/about/organisation/"],
  ["contact-vi", () => "/lien-he/"],
  ["contact-en", () => "/en/contact/"],
  ["site-map-vi", () => "/so-do-cong/"],
  ["site-map-en", () => "/en/sitemap/"],
  ["404", () => "/404.html", 200],
  ["404-missing", () => "/khong-co-trang-nay/", 404],
];

for (const [name, path, status = 200] of PAGES) {
  test(`${name}: clean, accessible and fitting at phone and desktop sizes`, options, async () => {
    assert.ok(path(), `no URL found for ${name}`);
    for (const [sizeName, size] of Object.entries(SIZES)) {
      await visit(path(), async (page) => {
        const lang = await page.locator("html").getAttribute("lang");
        assert.equal(lang, name.endsWith("-en") ? "en" : "vi", `${path()} lang`);
        await page.screenshot({ path: join(artifacts, `${name}-${sizeName}.png`), fullPage: true });
        if (sizeName === "phone") {
          const { scrollWidth, innerWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
          }));
          assert.ok(scrollWidth <= innerWidth, `${path()} scrolls sideways on a phone: ${scrollWidth} > ${innerWidth}`);
        }
        assert.deepEqual(await axeViolations(page), [], `${path()} at ${sizeName}`);
      }, { size, status });
    }
    // The theme has a dark palette too (prefers-color-scheme: dark).
    await visit(path(), async (page) => {
      await page.screenshot({ path: join(artifacts, `${name}-dark.png`) });
      assert.deepEqual(await axeViolations(page), [], `${path()} in dark mode`);
    }, { size: SIZES.phone, status, colorScheme: "dark" });
  });
}

test("search results are accessible in light and dark mode", options, async () => {
  for (const colorScheme of ["light", "dark"]) {
    for (const path of ["/tim-kiem/?q=chuyen%20doi%20so", "/en/search/?q=digital"]) {
      await visit(path, async (page) => {
        await page.locator("ol.search-results > li").first().waitFor();
        assert.ok((await page.locator("ol.search-results mark").count()) > 0);
        assert.deepEqual(await axeViolations(page), [], `${path} in ${colorScheme} mode`);
      }, { colorScheme });
    }
  }
});

test("language switcher: the seed article to its translation and back", options, async () => {
  await visit(SEED, async (page) => {
    const switcher = page.getByRole("navigation", { name: "Ngôn ngữ" });
    await Promise.all([page.waitForURL("**" + found.articleEn), switcher.getByRole("link", { name: "English" }).click()]);
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    const back = page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Tiếng Việt" });
    await Promise.all([page.waitForURL("**" + SEED), back.click()]);
    assert.equal(new URL(page.url()).pathname, SEED);
    assert.equal(await page.locator("html").getAttribute("lang"), "vi");
  });
});

test("language switcher: an untranslated article leads to /en/#untranslated", options, async () => {
  await visit(UNTRANSLATED, async (page) => {
    const notice = page.locator("#untranslated");
    await page.getByRole("navigation", { name: "Ngôn ngữ" }).getByRole("link", { name: "English" }).click();
    await page.waitForURL("**/en/#untranslated");
    assert.equal(new URL(page.url()).pathname, "/en/");
    await notice.waitFor({ state: "visible" });
    assert.ok(await notice.isVisible());
    assert.match(await notice.textContent(), /\S/);
  });
});

test("the notice is hidden on the home page reached normally", options, async () => {
  await visit("/en/", async (page) => {
    assert.equal(await page.locator("#untranslated").isVisible(), false);
  });
});

test("keyboard: Tab first focuses the visible skip link, which leads to the content", options, async () => {
  for (const size of Object.values(SIZES)) {
    await visit(SEED, async (page) => {
      await page.keyboard.press("Tab");
      const skip = page.locator(":focus");
      assert.equal(await skip.getAttribute("class"), "skip-link");
      assert.equal(await skip.getAttribute("href"), "#main");
      const box = await skip.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, "skip link has no size");
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height,
        `skip link is off screen: ${JSON.stringify(box)}`);
      assert.ok(await skip.isVisible());
      await page.keyboard.press("Enter");
      assert.equal(new URL(page.url()).hash, "#main");
    }, { size });
  }
});

test("keyboard: the search box is reachable with Tab", options, async () => {
  for (const path of ["/tim-kiem/", "/en/search/"]) {
    await visit(path, async (page) => {
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => document.activeElement?.id === "search-query");
      }
      assert.ok(reached, `${path}: the search box was not reached in 40 presses of Tab`);
      await page.keyboard.type("chuyen doi so");
      assert.equal(await page.locator("#search-query").inputValue(), "chuyen doi so");
    });
  }
});

test("the seed article shows its view count", options, async () => {
  await visit(SEED, async (page) => {
    const views = page.locator(".article .views");
    assert.ok(await views.isVisible());
    assert.equal((await views.textContent()).replace(/\s+/g, " ").trim(), "Lượt xem: 817");
  });
});

let weight;
test("an article page loads under 30 KB of CSS and JavaScript", options, async () => {
  for (const path of [SEED, found.articleEn]) {
    await visit(path, async (page, responses) => {
      let bytes = 0;
      const files = [];
      for (const { url, type, response } of responses) {
        if (type !== "stylesheet" && type !== "script" && !/\.(css|js)$/.test(new URL(url).pathname)) continue;
        const size = (await response.body()).length;
        bytes += size;
        files.push(`${new URL(url).pathname} ${size}`);
      }
      weight = `${path}: ${bytes} bytes of CSS+JS (${files.join(", ")})`;
      console.log(`# ${weight}`);
      assert.ok(bytes < 30 * 1024, weight);
    });
  }
});
