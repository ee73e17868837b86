// The app benchmark: start-up to the first screen (against an empty Tauri window built the same
// way), unlock to the journal list with 100,000 entries, typing latency with autosave, idle
// memory (PSS of the app and its WebKit processes) and binary size. Writes target/bench/app.json.
//
// Run through scripts/bench-app.sh, which builds the release binaries, provides the display and
// the 100,000-entry vault from the core benchmark. Environment:
//   ATTUNE_APP, ATTUNE_EMPTY_APP   the two release binaries
//   BENCH_VAULT                    a vault (passphrase below) to copy for each run
//   BENCH_OUT                      where to write app.json
//   BENCH_STARTUP_ONLY=1           measure only the start-up and idle memory
//   BENCH_APP_RUNS                 starts per binary (5)

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { Key, byTestId, click, relaunch, session, startApp, stopApp, profileDirs, waitForTestId } from "../tests/e2e/driver.mjs";

const PASS = "benchmark passphrase, long enough";
const RUNS = Number(process.env.BENCH_APP_RUNS) || 5;
const app = path.resolve(process.env.ATTUNE_APP);
const empty = path.resolve(process.env.ATTUNE_EMPTY_APP);
const vault = path.resolve(process.env.BENCH_VAULT);
const out = path.resolve(process.env.BENCH_OUT);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.round((xs.length - 1) * q))];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** PSS in MB of a process and all its descendants (the WebKit web and network processes). */
function treePss(root) {
  const parent = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) if (tree.has(ppid) && !tree.has(pid)) (tree.add(pid), (grew = true));
  }
  let kb = 0;
  const parts = {};
  for (const pid of tree) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      if (m) {
        kb += Number(m[1]);
        parts[name] = Math.round((parts[name] ?? 0) + Number(m[1]) / 1024);
      }
    } catch {}
  }
  if (process.env.BENCH_VERBOSE) console.log(parts);
  return { mb: kb / 1024, processes: tree.size };
}

/** Launches a binary directly, waits for its first screen's first call, measures, ends it. */
async function startOnce(binary, withVault, extraEnv = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), "attune-bench-"));
  const ready = path.join(root, "ready");
  const env = {
    ...process.env,
    HOME: root,
    XDG_CONFIG_HOME: path.join(root, "config"),
    XDG_DATA_HOME: path.join(root, "data"),
    XDG_CACHE_HOME: path.join(root, "cache"),
    ATTUNE_VAULT: path.join(root, "vault"),
    ATTUNE_BENCH_READY_FILE: ready,
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(root, "no-bus")}`,
    NO_AT_BRIDGE: "1",
    ...extraEnv,
  };
  if (withVault) cpSync(vault, env.ATTUNE_VAULT, { recursive: true });
  const t0 = Date.now() / 1000;
  const child = spawn(binary, [], { env, stdio: "ignore" });
  const deadline = Date.now() + 20_000;
  while (!existsSync(ready) || readFileSync(ready, "utf8") === "") {
    assert.ok(Date.now() < deadline, `${binary} did not reach its first screen within 20 s`);
    await sleep(5);
  }
  const startup = (Number(readFileSync(ready, "utf8")) - t0) * 1000;
  const phases = readPhases(`${ready}.phases`, t0);
  await sleep(4000); // let it settle to idle
  const memory = treePss(child.pid);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await sleep(300); // the WebKit helpers may still be writing their caches
  try {
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch {
    // a leftover temp folder is harmless
  }
  return { startup, phases, memory: memory.mb, processes: memory.processes };
}

/**
 * The start-up phases a binary noted (`attune_app::mark_phase`: lines `PHASE SECONDS`), as
 * milliseconds after the launch at `t0` (seconds): the first time each phase was noted.
 */
function readPhases(file, t0) {
  const phases = {};
  if (!existsSync(file)) return phases;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^(.+) ([\d.]+)$/.exec(line.trim());
    if (m && !(m[1] in phases)) phases[m[1]] = (Number(m[2]) - t0) * 1000;
  }
  return phases;
}

/** Each phase's median over `runs` (ms after launch), in the order the first run noted them. */
function medianPhases(runs) {
  const out = {};
  for (const name of Object.keys(runs[0].phases)) {
    const values = runs.map((r) => r.phases[name]).filter((v) => v !== undefined);
    if (values.length) out[name] = round(median(values));
  }
  return out;
}

async function startupAndMemory() {
  const result = {};
  // Attune turns WebKitGTK's GPU compositing off (src-tauri/src/main.rs); the empty window is
  // measured as it ships and with the same setting.
  const configs = [
    ["empty window", empty, false, {}],
    ["empty window, compositing off", empty, false, { WEBKIT_DISABLE_COMPOSITING_MODE: "1" }],
    ["attune (unlock screen)", app, true, {}],
  ];
  for (const [name, binary, withVault, extraEnv] of configs) {
    await startOnce(binary, withVault, extraEnv); // warm the page cache once; the figures are warm starts
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await startOnce(binary, withVault, extraEnv));
    result[name] = {
      startup_ms: round(median(runs.map((r) => r.startup))),
      startup_runs_ms: runs.map((r) => round(r.startup)),
      // Where the time went: each phase's median, in ms after launch (see `readPhases`).
      startup_phases_ms: medianPhases(runs),
      idle_pss_mb: round(median(runs.map((r) => r.memory))),
      processes: runs[0].processes,
    };
    console.log(`${name}: start ${result[name].startup_ms} ms, idle PSS ${result[name].idle_pss_mb} MB`);
    console.log(`  phases (ms after launch): ${Object.entries(result[name].startup_phases_ms).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  }
  return result;
}

function appPid() {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, "utf8").startsWith(app)) continue;
      if (readFileSync(`/proc/${entry}/environ`, "utf8").includes(`ATTUNE_VAULT=${profileDirs().vault}`)) return Number(entry);
    } catch {}
  }
  return null;
}

async function unlock() {
  const d = session();
  await d.executeScript("performance.clearMarks()");
  const field = await waitForTestId("unlock-passphrase", 30_000);
  await field.sendKeys(PASS);
  await click("unlock-submit");
  await waitForTestId("entry-row", 30_000);
  return d.wait(async () => {
    const marks = await d.executeScript(
      "return Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))",
    );
    return marks["attune:list-shown"] !== undefined && marks["attune:unlocked"] !== undefined
      ? marks["attune:list-shown"] - marks["attune:unlocked"]
      : null;
  }, 30_000);
}

async function journal() {
  await startApp("bench");
  cpSync(vault, profileDirs().vault, { recursive: true });
  await relaunch();
  const unlocks = [];
  for (let i = 0; i < 3; i++) {
    unlocks.push(await unlock());
    if (i < 2) await click("lock-button");
  }
  console.log(`unlock to list: ${unlocks.map((u) => round(u)).join(", ")} ms`);

  await sleep(4000);
  const pid = appPid();
  const unlockedMemory = pid ? treePss(pid).mb : null;

  // Typing: latency from each keydown to the next frame, with autosave running.
  const d = session();
  await click("new-entry");
  const body = await waitForTestId("editor-body");
  await d.executeScript(`
    window.__lat = [];
    const el = document.querySelector('[data-testid="editor-body"]');
    el.addEventListener('keydown', () => { const t = performance.now(); requestAnimationFrame(() => window.__lat.push(performance.now() - t)); });
  `);
  const text = "Tonight I noticed how my shoulders dropped when the call ended. ".repeat(6).trim();
  for (let i = 0; i < text.length; i += 40) await body.sendKeys(text.slice(i, i + 40));
  // The editor's content element answers `.value` with its text, like a textarea.
  await d.wait(async () => (await body.getProperty("value")) === text, 30_000, "every keystroke should arrive");
  await d.wait(async () => /Saved/.test(await (await d.findElement(byTestId("save-status"))).getText()), 30_000);
  const latencies = await d.executeScript("return window.__lat");
  // Reopen it from the list: what was saved is what was typed.
  await click("nav-search");
  await click("nav-journal");
  await waitForTestId("entry-row", 30_000);
  await (await d.findElements(byTestId("entry-row")))[0].click();
  await click("edit-button"); // an entry opens for reading
  const saved = await (await waitForTestId("editor-body")).getProperty("value");
  assert.equal(saved, text, "the saved entry holds every keystroke");
  return {
    unlock_to_list_ms: round(median(unlocks)),
    unlock_to_list_runs_ms: unlocks.map((u) => round(u)),
    unlocked_idle_pss_mb: unlockedMemory === null ? null : round(unlockedMemory),
    typing: {
      keystrokes: text.length,
      dropped: text.length - saved.length,
      keydown_to_frame_p50_ms: round(pct(latencies, 0.5)),
      keydown_to_frame_p95_ms: round(pct(latencies, 0.95)),
      keydown_to_frame_max_ms: round(Math.max(...latencies)),
    },
  };
}

const started = await startupAndMemory();
let journalFigures = {};
// BENCH_STARTUP_ONLY=1: the start-up and idle figures alone (any vault will do for those).
if (!process.env.BENCH_STARTUP_ONLY) {
  try {
    journalFigures = await journal();
  } finally {
    await stopApp().catch(() => {});
  }
}
const sizes = { attune_app_mb: round(statSync(app).size / 1e6, 2), empty_window_mb: round(statSync(empty).size / 1e6, 2) };
const result = {
  benchmark: "app",
  build: "release",
  start: started,
  start_ratio_vs_empty: round(started["attune (unlock screen)"].startup_ms / started["empty window"].startup_ms, 2),
  memory_over_empty_same_setting_mb: round(
    started["attune (unlock screen)"].idle_pss_mb - started["empty window, compositing off"].idle_pss_mb,
  ),
  memory_over_empty_as_shipped_mb: round(started["attune (unlock screen)"].idle_pss_mb - started["empty window"].idle_pss_mb),
  ...journalFigures,
  binary_size: sizes,
};
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
