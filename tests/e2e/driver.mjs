// Drives the real Attune app through tauri-driver (WebDriver) for the end-to-end tests.
//
// One test file = one tauri-driver process, one throwaway profile (HOME, XDG folders and vault)
// and one app session at a time. Everything the app writes stays inside that profile: the tests
// never see a real vault, keyring or preference file. The D-Bus session address points at a
// socket that does not exist, so the keyring is reported unavailable instead of reaching a real
// one (and the single-instance plugin, which also uses D-Bus, stays out of the way).
//
// Facts this relies on (see /work/shared/PLATFORM-NOTES.md, "End-to-end tests of the real app"):
// - tauri-driver turns `tauri:options.application` into WebKitWebDriver's browser binary; the app
//   inherits tauri-driver's environment, which is how the profile reaches it.
// - Deleting the session makes WebKitWebDriver end the app, so a new session is a relaunch.
// - Full-page screenshots can show an older frame: wait about a second first. Element
//   screenshots come back black: crop full-page shots instead.
//
// Test hooks the app reads (inert when unset): ATTUNE_TEST_NOW starts the vault's clock at a
// given RFC 3339 time, for "a month later" (see relaunchWith).
//
// Run through scripts/test-e2e.sh, which provides the display and cleans up. Environment:
//   ATTUNE_APP         the app binary (required)
//   E2E_RUN_DIR        folder for profiles, logs and failure screenshots (default: a temp folder)
//   E2E_SCREENSHOTS    where screenshot() writes, relative to the repository (default:
//                      target/e2e/screenshots; `npm run screenshots` sets docs/screenshots)
//   E2E_MODULES_FROM   folder whose node_modules holds selenium-webdriver and axe-core (default: ui)

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "..", "..");

// The npm packages live in ui/node_modules (ui/package.json's devDependencies); resolve them from
// there so the tests run from the repository root without a package.json of their own.
const modulesFrom = path.resolve(repoRoot, process.env.E2E_MODULES_FROM ?? "ui");
const require = createRequire(path.join(modulesFrom, "package.json"));
const { Builder, By, Key, until, error: webdriverErrors } = require("selenium-webdriver");
export { By, Key, until };

const DRIVER_PORT = 4444;
const NATIVE_PORT = 4445;
const DRIVER_URL = `http://127.0.0.1:${DRIVER_PORT}`;
const NATIVE_DRIVER = "/usr/bin/WebKitWebDriver";
const DEFAULT_WAIT_MS = 15_000; // generous: the machine may be busy compiling

/** The WCAG 2.x level A and AA rules (2.0, 2.1 and 2.2). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let tauriDriver = null; // the tauri-driver child process
let driver = null; // the current selenium WebDriver session
let profile = null; // { root, vault, env }
let application = null;

/** The current WebDriver session, for anything the helpers below do not cover. */
export function session() {
  assert.ok(driver, "the app should be running (call startApp() first)");
  return driver;
}

/** The profile folders of this test file: { root, vault, dialogAnswers }. */
export function profileDirs() {
  assert.ok(profile, "startApp() creates the profile");
  return { root: profile.root, vault: profile.vault, dialogAnswers: profile.dialogAnswers };
}

/**
 * The first-run screens: a new vault with `passphrase` (and the keyring when `keyring`), the
 * recovery words confirmed, until the journal shows.
 */
export async function createVault(passphrase, { keyring = false } = {}) {
  await type("setup-passphrase", passphrase);
  await type("setup-passphrase-confirm", passphrase);
  if (keyring) await click("setup-keyring");
  await click("setup-create");
  await waitForTestId("recovery-words", 60_000);
  await click("recovery-confirm");
  await click("recovery-continue");
  await waitForTestId("new-entry", 30_000);
}

/**
 * Calls one of the app's commands from inside the page, as the page's own code (or a hostile
 * script in it) would: `{ ok: true, value }` or `{ ok: false, error }`.
 */
export async function invokeFromPage(command, args = {}) {
  return session().executeAsyncScript(
    `const [command, args, done] = arguments;
     window.__TAURI_INTERNALS__.invoke(command, args).then(
       (value) => done({ ok: true, value: value ?? null }),
       (e) => done({ ok: false, error: typeof e === "string" ? e : (e && (e.code || e.message)) || String(e) }),
     );`,
    command,
    args,
  );
}

/** The whole page's visible text. */
export async function pageText() {
  return session().executeScript("return document.body.innerText");
}

/** Chooses `value` in a select, as a person picking it would (a change event follows). */
export async function setSelect(testid, value) {
  const el = await waitForTestId(testid);
  await session().executeScript(
    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
    el,
    value,
  );
}

/** Answers the app's next file dialogs with these paths, in order ("" cancels one). */
export function answerDialogs(...paths) {
  writeFileSync(profileDirs().dialogAnswers, paths.join("\n"));
}

/**
 * Creates a fresh profile, starts tauri-driver and opens the app. `name` labels the profile
 * folder and the logs (use the test file's name); `env` is added to the app's environment
 * (e.g. a system language).
 */
export async function startApp(name, { env = {} } = {}) {
  assert.ok(process.env.ATTUNE_APP, "ATTUNE_APP should name the app binary (scripts/test-e2e.sh sets it)");
  application = path.resolve(process.env.ATTUNE_APP);
  assert.ok(existsSync(application), `the app binary should exist at ${application}`);
  assert.ok(existsSync(NATIVE_DRIVER), `${NATIVE_DRIVER} should exist (apt-get install webkit2gtk-driver)`);
  assert.ok(process.env.DISPLAY, "DISPLAY should be set (scripts/test-e2e.sh starts Xvfb)");

  profile = makeProfile(name);
  profile = { ...profile, env: { ...profile.env, ...env } };
  await startTauriDriver();
  await newSession();
}

/** Ends the session (which ends the app) and waits until the app's processes are gone. */
export async function quitApp() {
  if (driver) {
    const old = driver;
    driver = null;
    try {
      await old.quit();
    } catch (e) {
      console.error(`e2e: ending the WebDriver session failed: ${e.message}`);
    }
  }
  await waitForAppExit(10_000);
}

/** Quits the app and launches it again with the same profile, so the same vault. */
export async function relaunch() {
  await quitApp();
  await newSession();
}

/**
 * Quits the app and launches it again with the same profile and `env` added to its
 * environment (for test hooks such as ATTUNE_TEST_NOW). The app inherits tauri-driver's
 * environment, so tauri-driver is restarted too.
 */
export async function relaunchWith(env) {
  await quitApp();
  if (tauriDriver) {
    const child = tauriDriver;
    tauriDriver = null;
    await endProcessGroup(child);
  }
  profile = { ...profile, env: { ...profile.env, ...env } };
  // The old tauri-driver's port is free once it has gone; give it a moment.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (await statusReady())) await sleep(200);
  await startTauriDriver();
  await newSession();
}

/** Ends the app and tauri-driver. Removes the profile unless it lives in E2E_RUN_DIR. */
export async function stopApp() {
  await quitApp();
  if (tauriDriver) {
    const child = tauriDriver;
    tauriDriver = null;
    // tauri-driver runs in its own process group (spawned detached): ending the group also ends
    // WebKitWebDriver and anything it started.
    await endProcessGroup(child);
  }
  for (const pid of appPids()) {
    console.error(`e2e: the app (pid ${pid}) outlived its session; ending it`);
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  if (profile && !process.env.E2E_RUN_DIR) rmSync(profile.root, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Finding and using elements by data-testid

export function byTestId(id) {
  return By.css(`[data-testid="${id}"]`);
}

/** Waits until an element with this test id is in the page and visible; returns it. */
export async function waitForTestId(id, timeoutMs = DEFAULT_WAIT_MS) {
  const d = session();
  const element = await d.wait(until.elementLocated(byTestId(id)), timeoutMs, `[data-testid="${id}"] should appear within ${timeoutMs} ms`);
  await d.wait(until.elementIsVisible(element), timeoutMs, `[data-testid="${id}"] should become visible within ${timeoutMs} ms`);
  return element;
}

/** Every element with this test id, now (possibly none). */
export async function allByTestId(id, within = null) {
  return (within ?? session()).findElements(byTestId(id));
}

/** Waits until the number of elements with this test id satisfies `test`; returns them. */
export async function waitForCount(id, test, description, timeoutMs = DEFAULT_WAIT_MS) {
  let found = [];
  await session().wait(
    async () => {
      found = await allByTestId(id);
      return test(found.length);
    },
    timeoutMs,
    () => `[data-testid="${id}"] should be ${description} within ${timeoutMs} ms (last count: ${found.length}). `,
  );
  return found;
}

/**
 * Types into the element (keeps what is already there). For plain text in an input or textarea,
 * waits until the page has taken every key: on a busy machine the page can lag seconds behind
 * the keystrokes WebDriver has sent.
 */
export async function type(id, text) {
  const element = await waitForTestId(id);
  await element.sendKeys(text);
  if (isPlainText(text) && (await takesText(element))) {
    await session().wait(
      async () => ((await element.getProperty("value")) ?? "").includes(text),
      DEFAULT_WAIT_MS,
      `[data-testid="${id}"] should take the typed text within ${DEFAULT_WAIT_MS} ms. `,
    );
  }
  return element;
}

/** Text without WebDriver's special keys (Enter, Backspace…, in U+E000–U+F8FF). */
function isPlainText(text) {
  return text.length > 0 && !/[\uE000-\uF8FF]/.test(text);
}

async function takesText(element) {
  const tag = (await element.getTagName()).toLowerCase();
  // The entry editor (CodeMirror) is a contenteditable element that answers `.value` with its
  // text, like a textarea.
  return tag === "textarea" || tag === "input" || (await element.getProperty("isContentEditable")) === true;
}

/**
 * Replaces the text of an input, a textarea or the entry editor the way a person does (select all, delete, type), so
 * the page sees real input events rather than a scripted value change.
 */
export async function replaceText(id, text) {
  const element = await waitForTestId(id);
  await element.click();
  await element.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
  if (text) await element.sendKeys(text);
  await waitForValue(id, text);
  return element;
}

/**
 * Opens the shown entry's text for editing (an entry opens for reading): clicks Edit until the
 * editor shows, since a view that is still settling after an entry was opened may start over
 * in reading; returns the editor's content element.
 */
export async function editEntry(timeoutMs = DEFAULT_WAIT_MS) {
  await session().wait(
    async () => {
      if ((await allByTestId("editor-body")).length > 0) return true;
      const [edit] = await allByTestId("edit-button");
      if (edit) await edit.click().catch(() => {});
      await sleep(300);
      return (await allByTestId("editor-body")).length > 0 && (await allByTestId("edit-button")).length === 0;
    },
    timeoutMs,
    `the entry should open for editing within ${timeoutMs} ms`,
  );
  return waitForTestId("editor-body");
}

/** Types the text, then Enter. */
export async function typeAndEnter(id, text) {
  const element = text ? await type(id, text) : await waitForTestId(id);
  await element.sendKeys(Key.ENTER);
  return element;
}

/** Clicks the element once it is visible and enabled. */
export async function click(id, timeoutMs = DEFAULT_WAIT_MS) {
  const element = await waitForTestId(id, timeoutMs);
  await session().wait(until.elementIsEnabled(element), timeoutMs, `[data-testid="${id}"] should become enabled within ${timeoutMs} ms`);
  await element.click();
  return element;
}

/** The visible text of the element. */
export async function textOf(id) {
  return (await waitForTestId(id)).getText();
}

/** The current value of an input, a textarea or the entry editor (the live property, not the HTML attribute). */
export async function valueOf(id) {
  return (await waitForTestId(id)).getProperty("value");
}

/** Waits until the element's text matches `pattern`; returns the text. */
export async function waitForText(id, pattern, timeoutMs = DEFAULT_WAIT_MS) {
  let last = "";
  await session().wait(
    async () => {
      const elements = await allByTestId(id);
      if (elements.length === 0) return false;
      try {
        last = await elements[0].getText();
      } catch (e) {
        if (e instanceof webdriverErrors.StaleElementReferenceError) return false;
        throw e;
      }
      return pattern.test(last);
    },
    timeoutMs,
    () => `[data-testid="${id}"] should show text matching ${pattern} within ${timeoutMs} ms (last: ${JSON.stringify(last)}). `,
  );
  return last;
}

/** Waits until the element's value matches `pattern` (a RegExp) or equals it (a string). */
export async function waitForValue(id, expected, timeoutMs = DEFAULT_WAIT_MS) {
  let last = "";
  const matches = (v) => (expected instanceof RegExp ? expected.test(v) : v === expected);
  await session().wait(
    async () => {
      const elements = await allByTestId(id);
      if (elements.length === 0) return false;
      try {
        last = await elements[0].getProperty("value");
      } catch (e) {
        if (e instanceof webdriverErrors.StaleElementReferenceError) return false;
        throw e;
      }
      return matches(last ?? "");
    },
    timeoutMs,
    () =>
      `[data-testid="${id}"] should have the value ${expected instanceof RegExp ? `matching ${expected}` : JSON.stringify(expected)} within ${timeoutMs} ms (last: ${JSON.stringify(last)}). `,
  );
  return last;
}

/**
 * Waits until `save-status` says everything is saved and keeps saying so for a second: longer
 * than the editor's autosave pause (600 ms), so a save still waiting to start cannot pass for
 * "Saved".
 */
export async function waitForSaved(timeoutMs = 20_000) {
  const saved = (text) => /\bSaved\b/.test(text) && !/unsaved|not saved|saving|error|failed/i.test(text);
  let since = null;
  let last = "";
  await session().wait(
    async () => {
      const [status] = await allByTestId("save-status");
      last = status ? await status.getText().catch(() => "") : "";
      if (!saved(last)) since = null;
      else since ??= Date.now();
      return since !== null && Date.now() - since >= 1000;
    },
    timeoutMs,
    () => `save-status should say "Saved" and stay so for a second within ${timeoutMs} ms (last: ${JSON.stringify(last)}). `,
    100,
  );
  return last;
}

// ---------------------------------------------------------------------------------------------
// Screenshots

/**
 * Saves a full-page screenshot as target/e2e/screenshots/<name>.png (or in E2E_SCREENSHOTS), so a
 * test run never changes the checkout; `npm run screenshots` points it at docs/screenshots/, the
 * README's. Waits about a second first: the first capture after a change can show the previous
 * frame.
 */
export async function screenshot(name) {
  const dir = path.resolve(repoRoot, process.env.E2E_SCREENSHOTS || path.join("target", "e2e", "screenshots"));
  return saveScreenshot(dir, name);
}

/** A screenshot for diagnosing a failure, kept with the run's logs (not in docs/). */
export async function debugScreenshot(name) {
  if (!driver || !profile) return null;
  const safe = name.replace(/[^a-z0-9._-]+/gi, "-").slice(0, 80);
  try {
    return await saveScreenshot(path.join(profile.root, "failures"), safe);
  } catch (e) {
    console.error(`e2e: could not take a failure screenshot: ${e.message}`);
    return null;
  }
}

async function saveScreenshot(dir, name) {
  // Let the page render a frame with its current DOM, then give the compositor a second.
  await session().executeAsyncScript(
    "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
  );
  await sleep(1000);
  // With GPU compositing off (as Attune runs on Linux), WebKit paints only when something
  // changes, and its snapshot of a page that stays still waits for a paint that never comes.
  // Keep one invisible pixel changing while the snapshot is taken.
  await session().executeScript(`
    const mark = document.createElement("div");
    mark.id = "e2e-paint-mark";
    mark.setAttribute("aria-hidden", "true");
    mark.style.cssText = "position:fixed;left:0;bottom:0;width:1px;height:1px;pointer-events:none;background:rgba(0,0,0,0.01)";
    document.body.appendChild(mark);
    let on = false;
    window.__e2ePaint = setInterval(() => { on = !on; mark.style.background = on ? "rgba(0,0,0,0.02)" : "rgba(0,0,0,0.01)"; }, 50);
  `);
  let png;
  try {
    png = await session().takeScreenshot();
  } finally {
    await session().executeScript('clearInterval(window.__e2ePaint); document.getElementById("e2e-paint-mark")?.remove();');
  }
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  writeFileSync(file, Buffer.from(png, "base64"));
  return file;
}

// ---------------------------------------------------------------------------------------------
// Accessibility (axe-core)

let axeSource = null;

/**
 * Runs axe-core's WCAG 2.x A and AA rules on the page as it is now. Returns the violations as
 * `{ id, impact, help, helpUrl, targets }` and keeps the full list in the run folder.
 */
export async function axeScan(screenName) {
  const d = session();
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // WebDriver scripts run outside the page's CSP, so the page's strict script-src does not stop
  // the injection. The page keeps axe between scans until it reloads.
  const present = await d.executeScript("return typeof window.axe === 'object' && typeof window.axe.run === 'function';");
  if (!present) {
    await d.executeScript(`${axeSource}\n;return true;`);
  }
  const result = await d.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.axe
       .run(document, { runOnly: { type: "tag", values: arguments[0] }, resultTypes: ["violations"] })
       .then((r) => done({ violations: r.violations.map((v) => ({
         id: v.id,
         impact: v.impact,
         help: v.help,
         helpUrl: v.helpUrl,
         targets: v.nodes.map((n) => n.target.join(" ")),
         failures: v.nodes.map((n) => n.failureSummary),
       })) }))
       .catch((e) => done({ error: String((e && e.stack) || e) }));`,
    AXE_TAGS,
  );
  assert.ok(result && !result.error, `axe should run on "${screenName}": ${result?.error}`);
  if (profile) {
    const dir = path.join(profile.root, "axe");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${screenName}.json`), JSON.stringify(result.violations, null, 2));
  }
  return result.violations;
}

/** Formats violations one per line, with their id, impact, help and targets. */
export function describeViolations(violations) {
  return violations
    .map((v) => `  - ${v.id} [${v.impact}] ${v.help}\n      targets: ${v.targets.join(" | ")}\n      ${v.helpUrl}`)
    .join("\n");
}

/** Scans the page and fails on any serious or critical violation; prints every violation. */
export async function assertAccessible(screenName) {
  const violations = await axeScan(screenName);
  if (violations.length > 0) {
    console.log(`axe on "${screenName}": ${violations.length} violation(s)\n${describeViolations(violations)}`);
  }
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.equal(
    blocking.length,
    0,
    `"${screenName}" should have no serious or critical accessibility violations; found:\n${describeViolations(blocking)}`,
  );
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Processes

function makeProfile(name) {
  const base = process.env.E2E_RUN_DIR ?? os.tmpdir();
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(path.join(base, `${name.replace(/[^a-z0-9_-]+/gi, "-")}-`));
  const dir = (sub, mode) => {
    const p = path.join(root, sub);
    mkdirSync(p, { recursive: true, mode });
    return p;
  };
  const vault = path.join(root, "vault");
  // The app's file dialogs read their answers from this file instead of showing (see
  // src-tauri/src/dialogs.rs); empty, every dialog is a cancel. Tests write the next answer.
  const dialogAnswers = path.join(root, "dialog-answers");
  writeFileSync(dialogAnswers, "");
  const env = {
    ...process.env,
    HOME: dir("home"),
    XDG_CONFIG_HOME: dir("config"),
    XDG_DATA_HOME: dir("data"),
    XDG_CACHE_HOME: dir("cache"),
    XDG_STATE_HOME: dir("state"),
    XDG_RUNTIME_DIR: dir("runtime", 0o700),
    ATTUNE_VAULT: vault,
    ATTUNE_TEST_DIALOG_ANSWERS: dialogAnswers,
    // A bus that does not exist: the keyring reports itself unavailable at once. With
    // E2E_SECRET_SERVICE=1 the run's own bus (with gnome-keyring on it) is kept instead.
    DBUS_SESSION_BUS_ADDRESS:
      process.env.E2E_SECRET_SERVICE === "1" && process.env.DBUS_SESSION_BUS_ADDRESS
        ? process.env.DBUS_SESSION_BUS_ADDRESS
        : `unix:path=${path.join(root, "no-session-bus")}`,
    // GTK's screen-reader bridge would only wait for that bus and print warnings.
    NO_AT_BRIDGE: "1",
  };
  return { root, vault, dialogAnswers, env };
}

async function startTauriDriver() {
  if (await statusReady()) {
    throw new Error(
      `something already answers on ${DRIVER_URL}: another tauri-driver? Stop it first (it would launch the app without this test's profile)`,
    );
  }
  const logFile = path.join(profile.root, "tauri-driver.log");
  const log = openSync(logFile, "a");
  const child = spawn("tauri-driver", ["--port", String(DRIVER_PORT), "--native-port", String(NATIVE_PORT), "--native-driver", NATIVE_DRIVER], {
    env: profile.env,
    stdio: ["ignore", log, log],
    detached: true, // its own process group, so stopApp() can end it with everything it started
  });
  tauriDriver = child;
  let exited = null;
  child.once("exit", (code, signal) => {
    exited = { code, signal };
  });
  child.once("error", (e) => {
    exited = { error: e.message };
  });

  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited) break;
    if (await statusReady()) return;
    await sleep(100);
  }
  const tail = readFileSync(logFile, "utf8").split("\n").slice(-20).join("\n");
  throw new Error(
    exited
      ? `tauri-driver exited before it was ready (${JSON.stringify(exited)}); is it installed (cargo install tauri-driver --locked)? Log:\n${tail}`
      : `tauri-driver did not answer ${DRIVER_URL}/status within 20 s. Log:\n${tail}`,
  );
}

async function statusReady() {
  try {
    const res = await fetch(`${DRIVER_URL}/status`, { signal: AbortSignal.timeout(1000) });
    if (!res.ok) return false;
    const body = await res.json().catch(() => ({}));
    return body?.value?.ready !== false;
  } catch {
    return false; // not listening yet
  }
}

async function newSession() {
  assert.ok(tauriDriver, "tauri-driver should be running");
  driver = await new Builder()
    .disableEnvironmentOverrides()
    .usingServer(`${DRIVER_URL}/`)
    .withCapabilities({ browserName: "wry", "tauri:options": { application } })
    .build();
  await driver.getSession(); // surfaces a failed launch here rather than at the first command
  await driver.manage().setTimeouts({ script: 30_000, implicit: 0 });
  await driver.wait(
    async () => (await driver.executeScript("return document.readyState")) === "complete",
    DEFAULT_WAIT_MS,
    "the app's page should finish loading",
  );
}

/** Processes running the app binary with this profile's vault (so only the ones we started). */
function appPids() {
  if (!application || !profile) return [];
  let binary;
  try {
    binary = realpathSync(application);
  } catch {
    binary = application;
  }
  const marker = `ATTUNE_VAULT=${profile.vault}`;
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // A rebuilt binary shows as "<path> (deleted)".
      if (!readlinkSync(`/proc/${entry}/exe`).startsWith(binary)) continue;
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(marker)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

async function waitForAppExit(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (appPids().length > 0) {
    if (Date.now() > deadline) {
      console.error(`e2e: the app is still running ${timeoutMs} ms after its session ended`);
      return false;
    }
    await sleep(100);
  }
  return true;
}

async function endProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  await Promise.race([exited, sleep(5000)]);
  // Whatever is left in the group (tauri-driver itself after 5 s, or a WebKit helper) goes now.
  signalGroup("SIGKILL");
}
