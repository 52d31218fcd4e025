// The view counter in a real browser against `bantin serve`: the seed
// article is built with 817 views; the theme's views.js POSTs to serve's
// /_views/ endpoint on every visit and shows the count it returns.
// Needs the release binary (`cargo build --release`) and Debian's Chromium.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { bantin, executablePath, launchBrowser, repo, startServe } from "./bantin.mjs";

const SEED = "/2023/06/pho-chu-tich-ubnd-tinh-trinh-truong-huy-lam-viec-voi-so-thong-tin-va-truyen-thong/";

const missing = !existsSync(bantin)
  ? `${bantin} not found: cargo build --release first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : null;

let server;
let url;
let context;
let profile;

before(async () => {
  if (missing) return;
  ({ child: server, url } = await startServe(["--root", repo]));
  profile = mkdtempSync(join(tmpdir(), "bantin-e2e-"));
  context = await launchBrowser(profile);
});

after(async () => {
  await context?.close();
  server?.kill("SIGINT");
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("each visit counts through serve's /_views/ endpoint", missing ? { skip: missing } : {}, async () => {
  const page = await context.newPage();
  const posts = [];
  page.on("request", (r) => r.method() === "POST" && posts.push(new URL(r.url()).pathname));
  await page.goto(url + SEED);
  const count = page.locator(".views-count");
  await assert.doesNotReject(count.filter({ hasText: /^818$/ }).waitFor({ timeout: 10_000 }));
  assert.match(await page.locator(".views").innerText(), /^Lượt xem: 818$/);
  await page.reload();
  await count.filter({ hasText: /^819$/ }).waitFor({ timeout: 10_000 });
  // Each visit counts the article and, from the footer, the whole site.
  const article = "/_views/2023/pho-chu-tich-lam-viec-voi-so-thong-tin.vi";
  assert.deepEqual(posts.sort(), [article, article, "/_views/_site", "/_views/_site"].sort());
  assert.match(await page.locator(".site-views").innerText(), /^Lượt truy cập: 2$/);
  await page.close();
});
