// Guided exercises, end to end in the real app: plan the weeks after a retreat on the Today
// page, do the daily check-in from there, work through the boundary checklist with a pause in
// the middle (leave, come back, continue where it was left), see what was found, and find both
// in the journal. A deep exercise whose opening check-in shows high distress offers grounding
// first. Screenshots of the runner go to target/e2e/screenshots/
// (docs/screenshots/ with `npm run screenshots`).
//
// data-testids, beyond the ones listed in journal.test.mjs:
//   Shell        nav-today, nav-exercises, nav-people
//   Today        today, retreat-end (date input), suggest-plan, save-plan, plan-status,
//                slot-daily / slot-weekly / slot-review (rows), start-<pack id>, quick-checkin,
//                due-commitment, commitment-kept / -adjust / -adjust-save / -released,
//                continue-<pack id>, reminder-toggle, open-at-login-toggle
//   Library      exercise-library, pack-<pack id> (cards)
//   Runner       runner, begin-exercise, resume-exercise, disclaimer, step-prompt, step-count
//                ("Step N of M"), step-back, step-next, leave-exercise, step-text,
//                step-commitment, step-person, option-<id>, scale-<n>, mark-<item>-<yes|sometimes|no>,
//                checkin-<dimension>-<0..4>, grounding, grounding-offer, offer-ground,
//                offer-continue
//   Result       exercise-result, result-scores, result-pattern, result-open-entry, result-back
//   Journal      exercise-entry (a saved exercise, read as question and answer)
//   People       people, person-<name>, person-page, person-page-exercises (the list),
//                relationship-exercise-<pack id> (exercises offered for one relationship)

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  allByTestId,
  click,
  createVault,
  pageText,
  profileDirs,
  screenshot,
  session,
  startApp,
  stopApp,
  type,
  waitForTestId,
  waitForText,
} from "./driver.mjs";
import { story } from "./story.mjs";

const PASSPHRASE = "a quiet evening by the lake";
const MOMENT = "My brother asked me to drive him to the airport on my only free evening.";
const INTENTION = "Say I will think about it before saying yes";

const { step, accessible } = story();

/** Sets an input's value the way typing would (for inputs WebDriver cannot type into, like dates). */
async function setValue(testid, value) {
  const el = await waitForTestId(testid);
  await session().executeScript(
    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true })); arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
    el,
    value,
  );
}

/** Polls `test` every 100 ms for up to 10 s. */
async function waitUntil(test, description) {
  for (let i = 0; i < 100; i++) {
    if (test()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out: ${description}`);
}

async function stepCount() {
  return ((await (await waitForTestId("step-count")).getProperty("textContent")) ?? "").trim();
}

async function waitForStep(n, total) {
  await waitForText("step-count", new RegExp(`Step ${n} of ${total}`));
}

function daysAgo(n) {
  const d = new Date();
  d.setDate(d.getDate() - n);
  const pad = (x) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

describe("exercises: the integration plan, the runner, results and the journal", () => {
  before(async () => {
    await startApp("exercises");
  });

  after(async () => {
    await stopApp();
  });

  step("create a vault", async () => {
    await createVault(PASSPHRASE);
  });

  step("plan the weeks after a retreat that ended three days ago", async () => {
    await click("nav-today");
    await waitForTestId("today");
    await setValue("retreat-end", daysAgo(3));
    await click("suggest-plan");
    await click("save-plan");
    await waitForText("plan-status", /Day 3 since your retreat/);
    const rows = await allByTestId("slot-daily");
    assert.equal(rows.length, 1, "the daily check-in is suggested today");
    assert.equal((await allByTestId("slot-weekly")).length, 1, "and one deeper exercise this week");
    const text = await pageText();
    assert.ok(!/streak/i.test(text), "no streaks");
  });
  accessible("today");

  step("opening at login is offered with the reminder: the login entry comes and goes", async () => {
    // The autostart plugin writes to $HOME/.config/autostart (it does not read XDG_CONFIG_HOME).
    const entry = path.join(profileDirs().root, "home", ".config", "autostart", "Attune.desktop");
    assert.ok(!existsSync(entry), "no login entry until the person asks for one");
    await click("open-at-login-toggle");
    await waitUntil(() => existsSync(entry), `the login entry appears at ${entry}`);
    const exec = readFileSync(entry, "utf8").match(/^Exec=(\S+) --autostart$/m);
    assert.ok(exec, "it starts Attune as a login start");
    assert.equal(path.resolve(exec[1]), path.resolve(process.env.ATTUNE_APP), "with the app that set it");
    await click("open-at-login-toggle");
    await waitUntil(() => !existsSync(entry), "turning it off removes the login entry");
  });

  step("the daily check-in runs one step at a time and says what it found", async () => {
    await click("start-nervous-system-checkin");
    await waitForTestId("begin-exercise");
    assert.match(await (await waitForTestId("disclaimer")).getText(), /not therapy/);
    await click("begin-exercise");
    await waitForText("step-prompt", /how does your body feel/i);
    for (const [dimension, value] of [["calm", 3], ["relaxed", 2], ["safe", 3], ["anxious", 1], ["tense", 2], ["obsessive", 0]]) {
      await click(`checkin-${dimension}-${value}`);
    }
    await screenshot("11-runner-checkin");
    const total = Number((await stepCount()).match(/of (\d+)/)[1]);
    for (let n = 1; n <= total; n++) {
      await click("step-next");
      if (n < total) await waitForStep(n + 1, total);
    }
    await waitForTestId("exercise-result", 30_000);
    const scores = await (await waitForTestId("result-scores")).getText();
    assert.match(scores, /8 of 12/, `ease is calm 3 + relaxed 2 + safe 3 of 12: ${scores}`);
  });

  step("the boundary checklist keeps its place when left and resumed", async () => {
    await click("result-back");
    await waitForTestId("exercise-library");
    await screenshot("12-exercise-library");
    await click("pack-boundaries");
    await click("begin-exercise");
    await waitForStep(1, 11);
    for (const [item, mark] of [["own-plans", "sometimes"], ["overcommit", "yes"], ["rest", "no"], ["gave-away", "yes"]]) {
      await click(`mark-${item}-${mark}`);
    }
    await screenshot("13-runner-checklist");
    await click("step-next");
    await waitForStep(2, 11);
    await click("mark-touch-yes");
    await click("mark-space-yes");
    await click("step-next");
    await waitForStep(3, 11);
    // Leave in the middle: the answers so far are kept in the vault.
    await click("leave-exercise");
    await waitForTestId("exercise-library");
    await session().wait(async () => (await pageText()).includes("continue where you left off"), 15_000, "the library should show the draft");
    await click("pack-boundaries");
    await click("resume-exercise");
    await waitForStep(3, 11);
    await click("step-back");
    await waitForStep(2, 11);
    const pressed = await session().executeScript(
      "return [...document.querySelectorAll('[data-testid^=mark-][class*=on]')].map(e => e.dataset.testid)",
    );
    assert.deepEqual(pressed.sort(), ["mark-space-yes", "mark-touch-yes"], "the marks given before leaving are still there");
  });

  step("the boundary checklist finishes with scores per area and an intention", async () => {
    // From step 2 to the text step about a moment (step 8), skipping what is left unanswered.
    for (let n = 2; n < 8; n++) {
      await click("step-next");
      await waitForStep(n + 1, 11);
    }
    await type("step-text", MOMENT);
    for (let n = 8; n < 11; n++) {
      await click("step-next");
      await waitForStep(n + 1, 11);
    }
    await type("step-commitment", INTENTION);
    await click("step-next");
    await waitForTestId("exercise-result", 30_000);
    const text = await (await waitForTestId("exercise-result")).getText();
    assert.match(text, /Time/, "a score for the time area");
    assert.ok(text.includes(INTENTION), "the intention is shown with when it comes back");
    assert.match(text, /Comes back on/);
    await screenshot("14-exercise-result");
  });
  accessible("exercise result");

  step("both exercises are in the journal, read as question and answer", async () => {
    await click("result-open-entry");
    const entry = await waitForTestId("exercise-entry", 15_000);
    await session().wait(async () => (await entry.getText()).includes(MOMENT), 15_000, "the answer should be shown under its prompt");
    const text = await entry.getText();
    assert.ok(text.includes("Boundaries in six areas"));
    assert.match(text, /I agreed to more than I had time for\.\s*yes/);
    await screenshot("15-exercise-in-journal");
    const rows = await allByTestId("entry-row");
    assert.equal(rows.length, 2, "the check-in and the checklist");
  });
  accessible("exercise entry");

  step("Today shows the check-in as done, with nothing left half-finished", async () => {
    await click("nav-today");
    await waitForTestId("slot-daily");
    const daily = await (await waitForTestId("slot-daily")).getText();
    assert.match(daily, /Done/);
    assert.equal((await allByTestId("continue-boundaries")).length, 0, "finishing removed the draft");
    await screenshot("16-today");
  });

  step("a person named in an exercise gets a page listing it", async () => {
    await click("nav-exercises");
    await click("pack-contact-checkin");
    await click("begin-exercise");
    const total = Number((await stepCount()).match(/of (\d+)/)[1]);
    for (let n = 1; n <= total; n++) {
      if (await session().executeScript("return !!document.querySelector('[data-testid=step-person]')")) {
        await type("step-person", "Mara");
      }
      await click("step-next");
      if (n < total) await waitForStep(n + 1, total);
    }
    await waitForTestId("exercise-result", 30_000);
    await click("nav-people");
    await click("person-Mara");
    await waitForTestId("person-page");
    const done = await waitForTestId("person-page-exercises", 15_000);
    assert.match(await done.getText(), /Check-in around time with someone/, "the person's page lists the exercise about them");
    // The exercises offered for one relationship are the packs with the "person" role.
    await waitForTestId("relationship-exercise-contact-checkin");
    await waitForTestId("relationship-exercise-reciprocity");
    await screenshot("18-person");
  });
  accessible("person page");

  step("Patterns shows what the exercises found, with the entries behind it", async () => {
    await click("nav-patterns");
    await waitForTestId("patterns");
    const cards = await session().wait(async () => {
      const found = await allByTestId("trend-card");
      return found.length > 0 ? found : null;
    }, 15_000, "Patterns should show score trends");
    const text = await (await waitForTestId("patterns")).getText();
    assert.match(text, /Scores over time/);
    assert.match(text, /Time/, "the boundary checklist's time score is charted");
    const links = await allByTestId("insight-entries", cards[0]);
    await links[0].click();
    await session().wait(async () => (await cards[0].getText()).match(/Today/), 15_000, "the card lists its entries");
    await screenshot("20-patterns");
  });
  accessible("patterns");

  step("a summary previews what the PDF holds, and leaves out what is excluded", async () => {
    const panel = await waitForTestId("summary-panel");
    await session().executeScript("arguments[0].scrollIntoView()", panel);
    await click("summary-preview-button");
    const page = await waitForTestId("summary-page", 30_000);
    await session().wait(async () => (await page.getText()).includes(MOMENT), 15_000, "the excerpt from the checklist is in the summary");
    await session().executeScript("arguments[0].scrollIntoView()", page);
    await screenshot("21-summary-preview");
    // Leave the boundary checklist out.
    await click("summary-choose-entries");
    const rows = await session().wait(async () => {
      const found = await allByTestId("summary-exclude");
      return found.length > 0 ? found : null;
    }, 15_000, "the period's entries are listed");
    for (const row of rows) {
      const label = await session().executeScript("return arguments[0].parentElement.textContent", row);
      if (label.includes("Boundaries")) await row.click();
    }
    await click("summary-preview-button");
    await session().wait(async () => !(await (await waitForTestId("summary-page")).getText()).includes(MOMENT), 15_000, "an excluded entry is not in the summary");
  });
  accessible("summary preview");

  step("a deep exercise offers grounding when the opening check-in shows high distress", async () => {
    await click("nav-exercises");
    await click("pack-shadow-work");
    await click("begin-exercise");
    for (const dimension of ["anxious", "tense", "obsessive"]) {
      await click(`checkin-${dimension}-4`);
    }
    await click("step-next");
    await waitForTestId("grounding-offer", 15_000);
    await screenshot("17-grounding-offer");
    await click("offer-ground");
    await waitForTestId("grounding");
    await click("grounding-stop");
    await waitForTestId("exercise-library");
    await session().wait(async () => (await pageText()).includes("continue where you left off"), 15_000, "the deep exercise waits as a draft");
  });
  accessible("grounding");
});
