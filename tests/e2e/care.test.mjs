// Care, end to end in the real app: help is one click away (the menu and the runner's header
// open a panel with the crisis lines of the country chosen in Settings); a deep exercise says
// when it is better not done alone; grounding is followed by a re-check of how the body feels,
// and a body still very stirred is offered stopping or something lighter; the new and
// rewritten prompts (learn steps, "a few words are enough", "skip this if…", asking directly,
// which way giving leans) as screenshots; and the letter written in the integration plan comes
// back on Today a month later (the app relaunched with the ATTUNE_TEST_NOW test hook).
//
// data-testids, beyond the ones listed in journal.test.mjs and exercises.test.mjs:
//   Help         nav-help, runner-help, intro-help, offer-help, help-panel, help-lines,
//                help-country, help-close, help-aftercare, settings-help-country
//   Runner       not-alone, pack-author, pack-aftercare, learn-text, recalled, step-ground,
//                grounding-ready, recheck, recheck-next, recheck-stop, still-high,
//                still-high-stop / -lighter / -help / -continue, close-help
//   Today        letter, support-note, support-help

import assert from "node:assert/strict";
import { after, before, describe } from "node:test";

import {
  click,
  pageText,
  relaunchWith,
  screenshot,
  session,
  setSelect,
  startApp,
  stopApp,
  type,
  waitForTestId,
  waitForText,
} from "./driver.mjs";
import { story } from "./story.mjs";

const PASSPHRASE = "a quiet evening by the lake";
const INTENTION = "To ask for help before I am worn out.";
const MORE_SUPPORT = "If I stop sleeping for a week, I call Joana.";
const LETTER = "Dear me, remember the river and how slowly you walked.";

const { step, accessible } = story();

async function prompt() {
  return ((await (await waitForTestId("step-prompt")).getText()) ?? "").trim();
}

async function stepNumbers() {
  const text = await (await waitForTestId("step-count")).getText();
  const [, n, total] = text.match(/Step (\d+) of (\d+)/);
  return [Number(n), Number(total)];
}

/** Goes on until the step's prompt matches `pattern` (skipping what comes before). */
async function nextUntil(pattern) {
  for (let guard = 0; guard < 25; guard++) {
    if (pattern.test(await prompt())) return;
    const [n] = await stepNumbers();
    await click("step-next");
    await session().wait(async () => (await stepNumbers())[0] !== n, 15_000, "the runner should move on");
  }
  throw new Error(`no step matching ${pattern}`);
}

async function openPack(id) {
  await click("nav-exercises");
  await click(`pack-${id}`);
  await waitForTestId("begin-exercise");
}

describe("care: help, pacing, the rewritten prompts and promises kept", () => {
  before(async () => {
    await startApp("care");
  });

  after(async () => {
    await stopApp();
  });

  step("create a vault", async () => {
    await type("setup-passphrase", PASSPHRASE);
    await type("setup-passphrase-confirm", PASSPHRASE);
    await click("setup-create");
    await waitForTestId("recovery-words", 60_000);
    await click("recovery-confirm");
    await click("recovery-continue");
    await waitForTestId("new-entry", 30_000);
  });

  step("the menu's help panel shows Brazil's four lines once Brazil is chosen in Settings", async () => {
    await click("nav-settings");
    await setSelect("settings-help-country", "BR");
    await session().wait(async () => (await (await waitForTestId("settings-help-country")).getAttribute("value")) === "BR", 15_000, "Brazil is kept");
    await click("nav-help");
    const lines = await waitForTestId("help-lines", 15_000);
    const text = await lines.getText();
    for (const number of ["188", "192", "180", "100"]) assert.ok(text.includes(number), `${number} is listed: ${text}`);
    assert.match(text, /cvv\.org\.br/, "CVV's chat is named");
    assert.match(await (await waitForTestId("help-panel")).getText(), /someone you trust/);
    await screenshot("care-01-help-panel");
  });
  accessible("help panel");

  step("another country falls back to the directory and the local emergency number", async () => {
    await setSelect("help-country", "");
    await session().wait(async () => (await (await waitForTestId("help-panel")).getText()).includes("findahelpline.com"), 15_000, "the directory");
    assert.match(await (await waitForTestId("help-panel")).getText(), /your local emergency number/);
    await click("help-close");
    await session().wait(async () => !(await pageText()).includes("You don't have to hold this alone"), 15_000, "the panel closes");
  });

  step("the integration plan asks for an intention, a rhythm, more support and a letter", async () => {
    await openPack("integration-plan");
    await click("begin-exercise");
    await nextUntil(/intention did you bring/i);
    await type("step-text", INTENTION);
    await nextUntil(/how often would a short check-in/i);
    await click("option-weekly");
    await nextUntil(/fading is part of it/i);
    assert.match(await (await waitForTestId("learn-text")).getText(), /normal/);
    await screenshot("care-02-learn-step");
    await nextUntil(/need more support than this plan gives/i);
    await type("step-text", MORE_SUPPORT);
    await nextUntil(/read in a month/i);
    assert.match(await pageText(), /bring them back on your Today page/);
    await type("step-text", LETTER);
    await click("step-next");
    await waitForTestId("exercise-result", 30_000);
  });

  step("a deep exercise says when it is better not done alone, and help opens from the runner", async () => {
    await click("result-back");
    await openPack("shadow-work");
    const notice = await (await waitForTestId("not-alone")).getText();
    assert.match(notice, /someone is hurting you/);
    assert.match(notice, /ceremony/);
    await screenshot("care-03-not-alone");
    await click("begin-exercise");
    await click("runner-help");
    await waitForTestId("help-lines", 15_000);
    await screenshot("care-04-help-from-runner");
    await click("help-close");
    await waitForTestId("step-prompt");
  });

  step("after grounding, the body is asked again, and still stirred it is offered to stop", async () => {
    for (const dimension of ["anxious", "tense", "obsessive"]) await click(`checkin-${dimension}-4`);
    await click("step-next");
    await waitForTestId("grounding-offer", 15_000);
    await click("offer-ground");
    await waitForTestId("grounding");
    await click("grounding-ready");
    await waitForTestId("recheck");
    for (const dimension of ["anxious", "tense", "obsessive"]) await click(`checkin-${dimension}-4`);
    await screenshot("care-05-recheck");
    await click("recheck-next");
    const still = await waitForTestId("still-high", 15_000);
    const text = await still.getText();
    assert.match(text, /Stop for today/);
    assert.match(text, /something lighter/i);
    await screenshot("care-06-still-high");
    await click("still-high-continue");
    await waitForText("step-count", /Step 2 of/);
  });
  accessible("still stirred after grounding");

  step("a calmer re-check goes back into the exercise", async () => {
    await nextUntil(/remind you of an earlier time/i);
    await click("step-ground");
    await waitForTestId("grounding");
    await click("grounding-ready");
    await waitForTestId("recheck");
    for (const [dimension, value] of [["anxious", 1], ["tense", 1], ["safe", 3]]) await click(`checkin-${dimension}-${value}`);
    await click("recheck-next");
    await waitForText("step-prompt", /a few words are enough; you don't need to go back into it/i);
    await screenshot("care-07-few-words");
  });

  step("the step about others' harsh view says to skip it if they treat you harshly", async () => {
    await nextUntil(/also think about yourself/i);
    assert.match(await pageText(), /Skip this if this person treats you harshly/);
    await screenshot("care-08-own-view");
    await click("leave-exercise");
    await waitForTestId("exercise-library");
  });

  step("hinting is asked about as asking directly, apart from guilt", async () => {
    await openPack("patterns");
    await click("begin-exercise");
    await nextUntil(/asking directly/i);
    assert.match(await pageText(), /I hinted and waited/);
    await screenshot("care-09-asking-directly");
    await nextUntil(/hot and cold$/i);
    await screenshot("care-10-hot-and-cold");
    await click("leave-exercise");
    await waitForTestId("exercise-library");
  });

  step("reciprocity asks which way it leans apart from how steady it is", async () => {
    await openPack("reciprocity");
    await click("begin-exercise");
    await nextUntil(/which way does the give and take lean/i);
    await waitForTestId("option-they-give-more");
    await screenshot("care-11-lean");
    await nextUntil(/however it leans, how steady/i);
    await nextUntil(/how do you most like to receive care/i);
    await screenshot("care-12-receive-care");
    await click("leave-exercise");
    await waitForTestId("exercise-library");
  });

  step("a month later the letter comes back on Today", async () => {
    const later = new Date(Date.now() + 31 * 24 * 3600 * 1000).toISOString();
    await relaunchWith({ ATTUNE_TEST_NOW: later });
    await waitForTestId("unlock-passphrase", 60_000);
    await type("unlock-passphrase", PASSPHRASE);
    await click("unlock-submit");
    await waitForTestId("new-entry", 60_000);
    await click("nav-today");
    const letter = await waitForTestId("letter", 15_000);
    assert.ok((await letter.getText()).includes(LETTER), "the letter's own words come back");
    await screenshot("care-13-letter");
  });
  accessible("today with a letter");

  step("the one-month look-back shows the intention with what has changed since", async () => {
    await openPack("integration-review");
    await click("begin-exercise");
    await nextUntil(/what has changed since/i);
    assert.ok((await (await waitForTestId("recalled")).getText()).includes(INTENTION), "the intention comes back");
    await screenshot("care-14-intention-back");
    await click("leave-exercise");
  });
});
