// The real Decap CMS (npm `decap-cms`) against `bantin serve`: a copy of the
// demo portal gets `bantin cms init` and Decap's script; in Chromium an editor
// logs in to /admin/, writes a Vietnamese article (a title with a colon and
// diacritics, a lead photo uploaded through the media library, its caption,
// two tags, a category, a text), publishes it, adds the English version
// through the CMS's language switch and publishes again; both pages must then
// be live in the served portal at the URLs `bantin new` gives, linked to each
// other, with the photo, and the files on disk must be the ones `bantin new`
// would have made (same path, same front matter) plus what the editor wrote.
// Last, saving an entry whose date bantin cannot read shows bantin's message
// in the CMS and leaves the file as it was.
//
// Needs the release binary, Debian's Chromium and `decap-cms` (npm ci in
// tests/e2e, or DECAP_CMS_DIST=its dist folder); skipped, saying which, when
// one is missing, unless BANTIN_E2E_REQUIRE_ALL is set (as .ci/run does).
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { bantin, executablePath, repo, startServe } from "./bantin.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const decapDist = process.env.DECAP_CMS_DIST || join(here, "node_modules/decap-cms/dist");
const PATIENCE = 60_000;

const missing = !existsSync(bantin)
  ? `${bantin} not found: cargo build --release first`
  : !existsSync(executablePath)
    ? `${executablePath} not found: apt-get install chromium`
    : !existsSync(join(decapDist, "decap-cms.js"))
      ? `${decapDist}/decap-cms.js not found: npm ci in tests/e2e`
      : null;
// CI installs everything, so there a missing piece is a failure, not a skip.
if (missing && process.env.BANTIN_E2E_REQUIRE_ALL) throw new Error(missing);

const VI = {
  title: "Thử nghiệm: Cao Bằng số hoá bản làng",
  caption: "Bản làng ở Trùng Khánh nhìn từ trên cao",
  tags: ["chuyển đổi số", "bản làng"],
  category: "Chuyển đổi số",
  text: "Bài viết thử nghiệm qua trình soạn thảo.",
};
const EN = {
  title: "Trial: Cao Bang brings its villages online",
  caption: "A village in Trung Khanh from above",
  tags: ["digital transformation", "villages"],
  category: "Digital transformation",
  text: "An article written in the browser editor.",
};
const PHOTO = "lang-tu-tren-cao.jpg";

let site;
let scratch;
let server;
let url;
let browser;
let context;
let yaml;

// What `bantin new` makes in a copy of the site: the file (relative to the
// site), its text, and the page's path while serve runs.
function bantinNew(args) {
  const made = spawnSync(bantin, ["new", ...args, "--root", scratch, "--lang-messages", "en"], { encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  const file = made.stdout.trim();
  const url = made.stderr.match(/http:\/\/127\.0\.0\.1:1111(\/\S+\/)/);
  assert.ok(url, made.stderr);
  return { rel: relative(scratch, file), text: readFileSync(file, "utf8"), path: url[1] };
}

function frontMatter(text) {
  const match = text.match(/^---\n([\s\S]*?)\n?---\n([\s\S]*)$/);
  assert.ok(match, text);
  return { front: yaml.parse(match[1]) || {}, body: match[2] };
}

async function waitFor(what, check) {
  const until = Date.now() + PATIENCE;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function served(path, text) {
  return waitFor(`${path} with ${text}`, async () => {
    const response = await fetch(url + path);
    const html = response.ok ? await response.text() : "";
    return html.includes(text) ? html : null;
  });
}

async function publish(page) {
  await page.getByRole("button", { name: "Publish" }).first().click();
  await page.getByText("Publish now").click();
}

before(async () => {
  if (missing) return;
  ({ default: yaml } = await import("yaml"));
  site = mkdtempSync(join(tmpdir(), "bantin-cms-"));
  scratch = mkdtempSync(join(tmpdir(), "bantin-cms-new-"));
  for (const part of ["config.yaml", "content", "static"]) {
    cpSync(join(repo, part), join(site, part), { recursive: true });
    cpSync(join(repo, part), join(scratch, part), { recursive: true });
  }
  // The selectors below are Decap's English interface and the English labels.
  execFileSync(bantin, ["cms", "init", "--root", site, "--lang-messages", "en"]);
  for (const file of readdirSync(decapDist).filter((f) => f.endsWith("decap-cms.js"))) {
    cpSync(join(decapDist, file), join(site, "static/admin", file));
  }
  ({ child: server, url } = await startServe(["--root", site, "--lang-messages", "vi"]));
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  // The editor's computer keeps the site's time (config.yaml: Asia/Ho_Chi_Minh):
  // Decap's date picker works in the browser's zone.
  context = await browser.newContext({ timezoneId: "Asia/Ho_Chi_Minh", viewport: { width: 1400, height: 1000 } });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGINT");
  for (const dir of [site, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function loggedIn() {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${url}/admin/#/collections/articles`);
  // Decap remembers a login in the browser's storage.
  const login = page.getByRole("button", { name: "Login" });
  const listed = page.getByText("Phó Chủ tịch UBND tỉnh Trịnh Trường Huy").first();
  await login.or(listed).first().waitFor({ timeout: PATIENCE });
  if (await login.isVisible()) await login.click();
  await listed.waitFor({ timeout: PATIENCE });
  return { page, errors };
}

test("Decap CMS accepts the generated config and lists articles through serve's backend", missing ? { skip: missing } : {}, async () => {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const proxy = [];
  page.on("console", (m) => /Proxy Server/.test(m.text()) && proxy.push(m.text()));
  await page.goto(`${url}/admin/#/collections/articles`);
  await page.getByRole("button", { name: "Login" }).click({ timeout: PATIENCE });
  await page.getByText("Phó Chủ tịch UBND tỉnh Trịnh Trường Huy").first().waitFor({ timeout: PATIENCE });
  assert.ok(proxy.some((line) => line.includes("Detected Decap CMS Proxy Server") && line.includes("/_bantin/cms/api/v1")), proxy.join("\n"));
  assert.deepEqual(errors, []);
  assert.equal(await page.getByText("Config Errors").count(), 0);
  await page.close();
});

test("an editor writes, illustrates, publishes and translates an article in Decap CMS", missing ? { skip: missing } : {}, async () => {
  const expectedVi = bantinNew([VI.title]);
  const viPath = expectedVi.path;
  const { page, errors } = await loggedIn();

  await page.goto(`${url}/admin/#/collections/articles/new`);
  await page.getByText("Writing in VI", { exact: true }).waitFor({ timeout: PATIENCE });
  await page.locator('input[id^="title-field-"]').first().fill(VI.title);
  await page.locator('input[id^="author-field-"]').first().fill("Kim Cúc");
  await page.locator('input[id^="category-field-"]').first().fill(VI.category);
  await page.locator('input[id^="tags-field-"]').first().fill(VI.tags.join(", "));
  await page.locator('input[id^="image_caption-field-"]').first().fill(VI.caption);

  // The lead photo, uploaded through Decap's media library.
  await page.getByRole("button", { name: "Choose an image" }).first().click();
  const photo = join(scratch, PHOTO);
  cpSync(join(repo, "static/images/khu-vuon.jpg"), photo);
  await page.locator('input[type="file"]').setInputFiles(photo);
  await page.getByText(PHOTO).first().waitFor({ timeout: PATIENCE });
  await page.getByRole("button", { name: "Choose selected" }).click();

  await page.locator('[contenteditable="true"]').first().click();
  await page.keyboard.type(VI.text);
  await publish(page);
  const viFile = join(site, expectedVi.rel);
  await waitFor(expectedVi.rel, () => existsSync(viFile));

  // One author is written as `bantin new` writes a byline: a plain name.
  assert.match(readFileSync(viFile, "utf8"), /\nauthor: Kim Cúc\n/);
  // Only the Vietnamese file: the English one is not written until it is.
  const enRel = expectedVi.rel.replace(/\.vi\.md$/, ".en.md");
  assert.ok(!existsSync(join(site, enRel)), `${enRel} written before it was translated`);
  assert.ok(existsSync(join(site, "static/images", PHOTO)), "the uploaded photo is in static/images");

  const viHtml = await served(viPath, VI.caption);
  for (const text of [...VI.tags, VI.category, VI.text]) assert.ok(viHtml.includes(text), `${viPath} lacks ${text}`);

  // The English version, through the language switch of the same entry.
  const entry = expectedVi.rel.replace(/^content\//, "").replace(/\.vi\.md$/, "");
  await page.goto(`${url}/admin/#/collections/articles/entries/${entry}`);
  await page.getByText("Writing in VI", { exact: true }).waitFor({ timeout: PATIENCE });
  // A second author, from the names already in use: the same in both languages,
  // so it is written in the default one.
  await page.getByRole("button", { name: "+ Add an author" }).click();
  await page.locator('input[aria-label="Authors 2"]').first().fill("Hoàng Thu Hà");
  // The language switch of the editing pane: English.
  await page.getByText("Writing in VI", { exact: true }).first().click();
  await page.getByRole("menuitem", { name: "en", exact: true }).click();
  await page.getByText("Writing in EN", { exact: true }).first().waitFor();
  await page.locator('input[id^="title-field-"]').first().fill(EN.title);
  await page.locator('input[id^="category-field-"]').first().fill(EN.category);
  await page.locator('input[id^="tags-field-"]').first().fill(EN.tags.join(", "));
  await page.locator('input[id^="image_caption-field-"]').first().fill(EN.caption);
  await page.locator('[contenteditable="true"]').first().click();
  await page.keyboard.type(EN.text);
  await publish(page);
  const enFile = join(site, enRel);
  await waitFor(enRel, () => existsSync(enFile));

  // What `bantin new --translation-of` would make for it.
  const expectedEn = bantinNew([EN.title, "--translation-of", join(scratch, expectedVi.rel)]);
  assert.equal(enRel, expectedEn.rel);
  const enPath = expectedEn.path;

  const enHtml = await served(enPath, EN.caption);
  for (const text of [...EN.tags, EN.category, EN.text]) assert.ok(enHtml.includes(text), `${enPath} lacks ${text}`);
  const viNow = await served(viPath, enPath);
  assert.ok(viNow.includes(`hreflang="en"`), `${viPath} does not link to ${enPath}`);
  assert.ok(enHtml.includes(`hreflang="vi"`) && enHtml.includes(viPath), `${enPath} does not link to ${viPath}`);

  // The photo shows on both pages.
  for (const [path, caption] of [[viPath, VI.caption], [enPath, EN.caption]]) {
    const reader = await context.newPage();
    await reader.goto(url + path);
    const figure = reader.locator("figure.lead-image");
    assert.equal((await figure.locator("figcaption").innerText()).trim(), caption);
    const img = figure.locator("img");
    await img.scrollIntoViewIfNeeded();
    await waitFor(`${path}'s photo`, () => img.evaluate((el) => el.complete && el.naturalWidth > 0));
    // Lead photos are served as bantin's resized variants (`/_img/…`), which
    // no longer carry the upload's name; the front matter below names it.
    assert.match(await img.evaluate((el) => el.currentSrc), /\/_img\/[0-9a-f]+-/);
    await reader.close();
  }

  // The files: `bantin new`'s path and front matter, plus what was written.
  for (const [file, expected, text, values] of [[viFile, expectedVi, VI.text, VI], [enFile, expectedEn, EN.text, EN]]) {
    const made = frontMatter(expected.text);
    const cms = frontMatter(readFileSync(file, "utf8"));
    for (const [key, value] of Object.entries(made.front)) {
      if (key === "draft") continue; // `bantin new` starts a draft; the editor published.
      if (key === "date") {
        assert.match(String(cms.front.date), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
        const minutes = Math.abs(Date.parse(cms.front.date.replace(" ", "T")) - Date.parse(value.replace(" ", "T"))) / 60_000;
        assert.ok(minutes < 15, `${file}: date ${cms.front.date}, bantin new ${value}`);
        continue;
      }
      assert.deepEqual(cms.front[key], value, `${file}: ${key}`);
    }
    assert.ok(!cms.front.draft, `${file} is still a draft`);
    assert.equal(cms.front.image, `/images/${PHOTO}`);
    assert.equal(cms.front.image_caption, values.caption);
    assert.equal(cms.front.category, values.category);
    assert.deepEqual(cms.front.tags, values.tags);
    assert.equal(cms.body.trim(), text);
    assert.deepEqual(cms.front.author, ["Kim Cúc", "Hoàng Thu Hà"]);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("saving an entry with a date bantin cannot read shows bantin's message and changes nothing", missing ? { skip: missing } : {}, async () => {
  // Written by hand in a text editor: 30 February.
  const rel = "content/2025/ngay-sai.vi.md";
  const before = "---\ntitle: Hội nghị tổng kết năm\ndate: 30/02/2025 08:00\n---\n\nNội dung.\n";
  writeFileSync(join(site, rel), before);
  const { page } = await loggedIn();
  await page.goto(`${url}/admin/#/collections/articles/entries/2025/ngay-sai`);
  const title = page.locator('input[id^="title-field-"]').first();
  await title.waitFor({ timeout: PATIENCE });
  await title.fill("Hội nghị tổng kết năm 2025");
  await publish(page);
  // Decap shows the backend's answer: bantin's own message, in the editor's language.
  const message = page.getByText(/ngay-sai\.vi\.md:3:7: date:/);
  await message.first().waitFor({ timeout: PATIENCE });
  assert.match(await message.first().innerText(), /30\/02\/2025 08:00/);
  assert.equal(readFileSync(join(site, rel), "utf8"), before);
  await page.close();
});
