// The view counter in a real browser against `bantin serve`: the seed
// article is built with 817 views; the theme's views.js POSTs to serve's
// /_views/ endpoint on every visit and shows the count it returns.
// Needs the release binary (`cargo build --release`) and Debian's Chromium.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bantin = process.env.BANTIN || join(repo, "target/release/bantin");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
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

// Starts `bantin serve --port 0` on the demo portal and resolves with the
// URL it prints once it is ready.
function startServe() {
  return new Promise((resolveUrl, reject) => {
    server = spawn(bantin, ["serve", "--root", repo, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${seen}`)), 60_000);
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      // The first URL printed, whatever the language of the messages.
      const match = seen.match(/(http:\/\/\S+?)\/? /);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
  });
}

before(async () => {
  if (missing) return;
  url = await startServe();
  const { chromium } = await import("playwright-core");
  profile = mkdtempSync(join(tmpdir(), "bantin-e2e-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
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
