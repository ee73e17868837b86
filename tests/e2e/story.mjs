// Steps of an end-to-end story: each step is its own test, so a failure names the step, and a
// step after a failed one is skipped (the app is then in an unknown state). Accessibility scans
// are separate tests that do not stop the story.

import { it } from "node:test";

import { assertAccessible, debugScreenshot } from "./driver.mjs";

const STEP_MS = 90_000; // vault creation and unlocking run Argon2; a cold WebKit start is slow too

/** A fresh story: its own record of passed and failed steps. */
export function story() {
  const passed = new Set();
  const failed = [];
  let lastStep = null;

  /**
   * A step of the story. By default it needs every earlier step to have passed; `needs` names the
   * steps it really depends on instead, so a step that only needs an unlocked app (calendar,
   * settings) still runs after an unrelated failure. A failing step leaves a screenshot.
   */
  function step(name, fn, { needs = null } = {}) {
    lastStep = name;
    it(name, { timeout: STEP_MS }, async (t) => {
      const missing = needs ? needs.filter((n) => !passed.has(n)) : failed;
      if (missing.length > 0) {
        t.skip(`needs ${missing.map((n) => `"${n}"`).join(", ")}${needs ? ", which did not pass" : ", which failed"}`);
        return;
      }
      try {
        await fn(t);
        passed.add(name);
      } catch (e) {
        failed.push(name);
        const shot = await debugScreenshot(`failed-${name}`);
        if (shot) t.diagnostic(`screenshot of the failure: ${shot}`);
        throw e;
      }
    });
  }

  /** An accessibility scan of the screen the step just before it left, if that step passed. */
  function accessible(screen) {
    const after = lastStep;
    it(`${screen}: no serious or critical accessibility violations`, { timeout: STEP_MS }, async (t) => {
      if (!passed.has(after)) {
        t.skip(`"${after}" did not pass`);
        return;
      }
      await assertAccessible(screen);
    });
  }

  return { step, accessible };
}
