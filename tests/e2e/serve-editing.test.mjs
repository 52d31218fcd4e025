// Editing with `bantin serve` in a real browser, as an editor does: a new
// draft is visible with its banner (and absent from `build`'s output); a
// broken save shows the error overlay with the code frame and an "open in
// editor" link; dismissing it shows the last good page; fixing the file
// reloads the page. Needs the release binary (or BANTIN=path) and Debian's
// Chromium.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { bantin, executablePath, launchBrowser, startServe } from "./bantin.mjs";

const missing = !existsSync(bantin)
  ? `${bantin} not found: cargo build --release first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : null;

let work;
let site;
let server;
let url;
let context;
let draft; // { file, path }

function run(args) {
  const result = spawnSync(bantin, [...args, "--lang-messages", "vi"], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return result;
}

before(async () => {
  if (missing) return;
  work = mkdtempSync(join(tmpdir(), "bantin-e2e-edit-"));
  site = join(work, "site");
  run(["init", site]);
  appendFileSync(join(site, "config.yaml"), 'editor_url: "vscode://file{path}:{line}:{column}"\n');
  const made = run(["new", "Bài nháp thử nghiệm", "--root", site]);
  const local = made.stderr.match(/http:\/\/127\.0\.0\.1:1111(\/\S+\/)/);
  assert.ok(local, made.stderr);
  draft = { file: made.stdout.trim(), path: local[1] };
  ({ child: server, url } = await startServe(["--root", site, "--lang-messages", "vi"]));
  context = await launchBrowser(join(work, "profile"));
});

after(async () => {
  await context?.close();
  server?.kill("SIGINT");
  if (work) rmSync(work, { recursive: true, force: true });
});

test("a new draft is visible in serve with its banner and absent from build", missing ? { skip: missing } : {}, async () => {
  const page = await context.newPage();
  const response = await page.goto(url + draft.path);
  assert.equal(response.status(), 200);
  const banner = page.locator(".preview-banner.draft");
  assert.match(await banner.innerText(), /^Bản nháp/);
  assert.equal(await page.locator("h1").innerText(), "Bài nháp thử nghiệm");
  await page.close();
  const out = join(work, "public");
  run(["build", "--root", site, "--out", out]);
  assert.ok(existsSync(join(out, "index.html")));
  assert.ok(!existsSync(join(out, draft.path, "index.html")), "the draft is not published");
  assert.ok(!readFileSync(join(out, "sitemap.xml"), "utf8").includes("bai-nhap-thu-nghiem"));
});

test("a broken save shows the overlay with its frame; dismissing shows the last good page; fixing reloads", missing ? { skip: missing } : {}, async () => {
  const page = await context.newPage();
  await page.goto(url + draft.path);
  const good = readFileSync(draft.file, "utf8");
  const [front, body] = [good.slice(0, good.indexOf("---", 3)), good.slice(good.indexOf("---", 3))];
  // An unquoted colon in a value: the most common mistake in news titles.
  writeFileSync(draft.file, front + "summary: Chuyển đổi số: hội nghị\n" + body);
  const overlay = page.locator("#bantin-errors");
  await overlay.waitFor({ state: "visible", timeout: 15_000 });
  const text = await overlay.locator(".bantin-error pre").first().innerText();
  assert.match(text, /bai-nhap-thu-nghiem\.vi\.md:\d+:23: dấu hai chấm/);
  assert.match(text, /\d+ \| summary: Chuyển đổi số: hội nghị/);
  assert.match(text, /\^/);
  assert.match(text, /cách sửa: đặt giá trị trong dấu ngoặc thẳng: `summary: "Chuyển đổi số: hội nghị"`/);
  const link = overlay.locator(".bantin-error a");
  assert.match(await link.getAttribute("href"), /^vscode:\/\/file\/.*bai-nhap-thu-nghiem\.vi\.md:\d+:23$/);

  await page.locator("#bantin-errors-dismiss").click();
  await overlay.waitFor({ state: "hidden" });
  // The last good page, still served under the overlay.
  assert.equal(await page.locator("h1").innerText(), "Bài nháp thử nghiệm");
  assert.match(await page.locator("#bantin-errors-show").innerText(), /Xem lỗi \(1\)/);

  writeFileSync(draft.file, front + 'summary: "Chuyển đổi số: hội nghị"\n' + body + "\nĐã sửa xong.\n");
  await page.locator("text=Đã sửa xong.").waitFor({ timeout: 15_000 });
  assert.equal(await page.locator("#bantin-errors").count(), 0);
  await page.close();
});
