// What the browser tests share: where things are, starting `bantin serve`,
// launching Chromium and reading axe-core's findings.
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../..");
export const bantin = process.env.BANTIN || join(repo, "target/release/bantin");
export const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
export const axePath = join(here, "node_modules/axe-core/axe.min.js");

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// Starts `bantin serve --port 0 ARGS…` and resolves with the child process and the
// first URL it prints once it is ready, whatever the language of its messages.
export function startServe(args) {
  return new Promise((resolveServe, reject) => {
    const child = spawn(bantin, ["serve", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${seen}`)), 60_000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = seen.match(/(http:\/\/\S+?)\/? /);
      if (match) {
        clearTimeout(timer);
        resolveServe({ child, url: match[1] });
      }
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
  });
}

// A headless Chromium with its own profile folder; `options` are
// playwright's (e.g. `viewport`).
export async function launchBrowser(profile, options = {}) {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, ...options });
}

// axe-core's serious and critical findings on the page, as readable lines.
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ")}`),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.join(" | ")}`);
}
