// Keeping a journal safe, end to end in the real app: the lock shortcut clears the screen, the
// recovery phrase opens a vault whose passphrase is forgotten and sets a new one, the trash
// gives an entry back, and Settings changes the passphrase and the theme.
//
// Uses the data-testid contract listed in journal.test.mjs, plus settings-repeat-passphrase.

import assert from "node:assert/strict";
import { after, before, describe } from "node:test";

import {
  allByTestId,
  byTestId,
  click,
  Key,
  pageText,
  screenshot,
  session,
  setSelect,
  startApp,
  stopApp,
  type,
  waitForSaved,
  waitForTestId,
  waitForText,
} from "./driver.mjs";
import { story } from "./story.mjs";

const FIRST = "a quiet evening by the lake";
const SECOND = "copper lantern over seven hills";
const THIRD = "the river remembers every stone";
const TITLE = "A private note";
const BODY = "The heron stood still in the reeds for the whole walk.";

const { step, accessible } = story();

async function unlockWith(passphrase) {
  await type("unlock-passphrase", passphrase);
  await click("unlock-submit");
}

describe("safety: lock, recover, trash and settings", () => {
  let words = [];

  before(async () => {
    await startApp("safety");
  });

  after(async () => {
    await stopApp();
  });

  step("create a vault and keep the recovery words", async () => {
    await type("setup-passphrase", FIRST);
    await type("setup-passphrase-confirm", FIRST);
    await click("setup-create");
    const shown = await allByTestId("recovery-word", await waitForTestId("recovery-words", 60_000));
    words = [];
    for (const w of shown) {
      const text = (await w.getProperty("textContent")).trim();
      words.push(text.split(/\s+/).pop());
    }
    assert.equal(words.length, 24);
    await click("recovery-confirm");
    await click("recovery-continue");
    await waitForTestId("new-entry", 30_000);
  });

  step("write an entry", async () => {
    await click("new-entry");
    await type("editor-title", TITLE);
    await type("editor-body", BODY);
    await waitForSaved();
  });

  step("Ctrl+L locks and clears every word from the window", async () => {
    await (await waitForTestId("editor-body")).sendKeys(Key.chord(Key.CONTROL, "l"));
    await waitForTestId("unlock-passphrase", 30_000);
    const text = await pageText();
    assert.ok(!text.includes("heron") && !text.includes(TITLE), `nothing of the entry may remain on screen: ${text}`);
  });

  step("the recovery phrase opens the vault and sets a new passphrase", async () => {
    await click("unlock-use-recovery");
    await type("recover-phrase", words.join(" "));
    await type("recover-new-passphrase", SECOND);
    await click("recover-submit");
    await waitForTestId("entry-row", 60_000);
    await click("lock-button");
    await unlockWith(FIRST);
    await waitForText("unlock-error", /wrong passphrase/i, 60_000);
    await unlockWith(SECOND);
    await waitForTestId("entry-row", 60_000);
  });

  step("an entry moved to the trash comes back", async () => {
    await (await waitForTestId("entry-row")).click();
    await click("trash-button");
    await session().wait(async () => (await allByTestId("entry-row")).length === 0, 15_000, "the entry should leave the journal");
    await click("nav-trash");
    await waitForTestId("trash-row");
    await screenshot("09-trash");
    await click("trash-restore");
    await session().wait(async () => (await allByTestId("trash-row")).length === 0, 15_000, "the trash should be empty again");
    await click("nav-journal");
    await waitForTestId("entry-row", 15_000);
  });
  accessible("trash");

  step("settings change the passphrase and the theme", async () => {
    await click("nav-settings");
    await type("settings-current-passphrase", SECOND);
    await type("settings-new-passphrase", THIRD);
    await type("settings-repeat-passphrase", THIRD);
    await click("settings-change-passphrase");
    await session().wait(
      async () => (await pageText()).includes("Passphrase changed"),
      60_000,
      "Settings should confirm the new passphrase",
    );
    await click("check-vault");
    await waitForText("check-result", /Everything checks out/, 60_000);
    await setSelect("settings-theme", "dark");
    await session().wait(
      async () => (await session().executeScript("return document.documentElement.dataset.theme")) === "dark",
      15_000,
      "the dark theme should apply at once",
    );
    await click("nav-journal");
    await (await waitForTestId("entry-row", 15_000)).click();
    await waitForTestId("entry-reading");
    await screenshot("10-journal-dark");
  });
  accessible("journal in the dark theme");

  step("the new passphrase is the one that unlocks", async () => {
    await click("lock-button");
    await unlockWith(SECOND);
    await waitForText("unlock-error", /wrong passphrase/i, 60_000);
    await unlockWith(THIRD);
    await waitForTestId("entry-row", 60_000);
    assert.equal(await (await session().findElement(byTestId("entry-row"))).getAttribute("data-entry-id") !== null, true);
  });
});
