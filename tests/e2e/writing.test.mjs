// An entry written late, moved to the day it belongs to, with the keyboard: the editor's date
// field (one segment per part, in the UI's language) takes typed digits, the entry moves in the
// list and the calendar, and its history says the date changed from what. Then a new entry starts
// from a template. Screenshots go to target/e2e/screenshots/ (20-… onwards).

import assert from "node:assert/strict";
import { after, before, describe } from "node:test";

import {
  By,
  assertAccessible,
  Key,
  allByTestId,
  click,
  createVault,
  invokeFromPage,
  screenshot,
  session,
  startApp,
  stopApp,
  type,
  waitForCount,
  waitForSaved,
  waitForTestId,
  waitForText,
  valueOf,
  waitForValue,
} from "./driver.mjs";
import { story } from "./story.mjs";

const PASSPHRASE = "the ferry leaves at dawn";
const { step } = story();
const pad = (n) => String(n).padStart(2, "0");
// The 28th of last month: always in the past, always a real day.
const now = new Date();
const target = new Date(now.getFullYear(), now.getMonth() - 1, 28);
const TARGET_DAY = `${target.getFullYear()}-${pad(target.getMonth() + 1)}-${pad(target.getDate())}`;
let entryId = null;

/** The date field's segment for one part (month, day, year…), as bits-ui marks it. */
async function segment(part) {
  const field = await waitForTestId("entry-date-field");
  return field.findElement(By.css(`[data-segment="${part}"]`));
}

describe("an entry's date and templates", () => {
  before(async () => {
    await startApp("writing");
  });

  after(async () => {
    await stopApp();
  });

  step("write an entry today", async () => {
    await createVault(PASSPHRASE);
    await click("new-entry");
    await type("editor-title", "The evening at the lake");
    await type("editor-body", "Written days later, about the retreat's last evening.");
    await waitForSaved();
    const [row] = await waitForCount("entry-row", (n) => n === 1, "one entry");
    entryId = await row.getAttribute("data-entry-id");
    assert.ok(entryId, "the row carries its id");
  });

  step("move it to another day with the keyboard", async () => {
    await click("entry-date");
    await waitForTestId("entry-date-panel");
    // Digits typed into each segment; the field moves on by itself after a full part.
    await (await segment("month")).sendKeys(pad(target.getMonth() + 1));
    await (await segment("day")).sendKeys(pad(target.getDate()));
    await (await segment("year")).sendKeys(String(target.getFullYear()));
    await screenshot("20-entry-date");
    await assertAccessible("entry date");
    const save = await waitForTestId("entry-date-save");
    await session().executeScript("arguments[0].focus()", save);
    await save.sendKeys(Key.ENTER);
    await waitForText("entry-date", new RegExp(String(target.getFullYear())), 15_000);
    const stored = await invokeFromPage("get_entry", { entryId });
    assert.ok(stored.ok, JSON.stringify(stored));
    assert.equal(stored.value.local_day, TARGET_DAY, "the entry belongs to the chosen day now");
    const page = await session().findElement(By.css("body")).getText();
    assert.ok(page.includes(String(target.getFullYear())), "the list shows the entry under its new day");
  });

  step("its history keeps the earlier date", async () => {
    await click("history-button");
    await waitForTestId("history-panel");
    const changes = await waitForCount("revision-date-change", (n) => n === 1, "one date change");
    const text = await changes[0].getText();
    assert.match(text, /Date changed from/, text);
    await screenshot("21-history-date-change");
  });

  step("the calendar shows it on its new day", async () => {
    await click("nav-calendar");
    await waitForTestId("calendar");
    await click("calendar-previous");
    const deadline = Date.now() + 10_000;
    let enabled = false;
    while (Date.now() < deadline && !enabled) {
      for (const day of await allByTestId("calendar-day")) {
        if ((await day.getAttribute("data-day")) === TARGET_DAY) enabled = await day.isEnabled();
      }
      if (!enabled) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(enabled, `the calendar should count an entry on ${TARGET_DAY}`);
    await screenshot("22-calendar-moved");
  });

  step("start an entry from a template", async () => {
    await click("nav-journal");
    await click("template-button");
    await waitForTestId("template-menu");
    const choices = await waitForCount("template-choice", (n) => n >= 3, "the starters");
    let chosen = null;
    for (const c of choices) if ((await c.getAttribute("data-starter")) === "three-good-things") chosen = c;
    assert.ok(chosen, "the starter 'three good things' is offered");
    await chosen.click();
    await waitForTestId("editor-body");
    assert.match(await valueOf("editor-body"), /^Three things that went well/, "the new entry starts with the template's text");
    // Typing goes where the caret is: at the end of the template's text.
    const body = await waitForTestId("editor-body");
    await session().executeScript("arguments[0].focus()", body);
    await body.sendKeys(" The swim");
    await waitForValue("editor-body", /^Three things that went well[\s\S]*3\.\s* The swim$/);
    await waitForSaved();
    const entries = await waitForCount("entry-row", (n) => n === 2, "the new entry in the list");
    assert.equal(entries.length, 2);
    await screenshot("23-from-template");
    await click("nav-settings");
    await waitForTestId("template-settings");
    await assertAccessible("settings with templates");
  });
});
