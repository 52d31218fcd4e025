// The real Decap CMS against `bantin serve`: a copy of the demo portal gets
// `bantin cms init` and Decap's script from npm; in Chromium the admin page
// must accept the generated config.yml, find serve's local backend and list
// the demo's articles. Needs the release binary, Debian's Chromium and
// `decap-cms` (npm install decap-cms in tests/e2e/, or DECAP_CMS_DIST=its
// dist folder); skipped, saying which, when one is missing.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bantin = process.env.BANTIN || join(repo, "target/release/bantin");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const decapDist = process.env.DECAP_CMS_DIST || join(here, "node_modules/decap-cms/dist");

const missing = !existsSync(bantin)
  ? `${bantin} not found: cargo build --release first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : !existsSync(join(decapDist, "decap-cms.js"))
      ? `${decapDist}/decap-cms.js not found: npm install decap-cms in tests/e2e`
      : null;

let site;
let server;
let url;
let browser;

function startServe() {
  return new Promise((resolveUrl, reject) => {
    server = spawn(bantin, ["serve", "--root", site, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${seen}`)), 60_000);
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = seen.match(/Serving (http:\/\/\S+?)\/? /);
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
  site = mkdtempSync(join(tmpdir(), "bantin-cms-"));
  for (const part of ["config.yaml", "content", "static"]) cpSync(join(repo, part), join(site, part), { recursive: true });
  execFileSync(bantin, ["cms", "init", "--root", site]);
  for (const file of readdirSync(decapDist).filter((f) => f.endsWith("decap-cms.js"))) {
    cpSync(join(decapDist, file), join(site, "static/admin", file));
  }
  url = await startServe();
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGINT");
  if (site) rmSync(site, { recursive: true, force: true });
});

test("Decap CMS accepts the generated config and lists articles through serve's backend", missing ? { skip: missing } : {}, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const proxy = [];
  page.on("console", (m) => /Proxy Server/.test(m.text()) && proxy.push(m.text()));
  await page.goto(`${url}/admin/#/collections/articles`);
  await page.getByRole("button", { name: "Login" }).click({ timeout: 30_000 });
  await page.getByText("Phó Chủ tịch UBND tỉnh Trịnh Trường Huy").first().waitFor({ timeout: 30_000 });
  assert.ok(proxy.some((line) => line.includes("Detected Decap CMS Proxy Server") && line.includes("/_bantin/cms/api/v1")), proxy.join("\n"));
  assert.deepEqual(errors, []);
  assert.equal(await page.getByText("Config Errors").count(), 0);
  await page.close();
});
