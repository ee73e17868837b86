// The journal, end to end, in the real app: create a vault, write, lock, unlock, search, restore a
// revision, browse the calendar and settings, quit, relaunch, and find the entry again. Each step
// is its own test so a failure names the step; a step after a failed one is skipped (the app is
// then in an unknown state). Accessibility scans are separate tests that do not stop the story.
//
// Screenshots go to target/e2e/screenshots/NN-name.png (docs/screenshots/ with `npm run
// screenshots`); a failed step leaves one in the run folder.
//
// The data-testid contract with the UI (keep in step with ui/src):
//   First run      setup-passphrase, setup-passphrase-confirm, setup-strength (meter),
//                  setup-create (button)
//   Recovery       recovery-words (holds 24 recovery-word), recovery-print (button),
//                  recovery-confirm (checkbox "I have written these words down"),
//                  recovery-continue (button, disabled until the checkbox is checked)
//   App shell      nav-journal, nav-search, nav-calendar, nav-trash, nav-settings, lock-button
//   Journal        new-entry (button), entry-list, entry-row (data-entry-id), editor-title (input),
//                  editor-body (the Markdown editor; its content element answers .value),
//                  entry-reading (the formatted text), edit-button / read-button (switch the two),
//                  editor-tags (input; Enter adds a tag),
//                  editor-people (input; Enter adds a person), editor-mood-1 … editor-mood-5
//                  (buttons), save-status (contains "Saved" when everything is saved),
//                  history-button, history-panel, revision-row (data-revision-id),
//                  revision-restore (button inside a revision row), trash-button
//   Unlock         unlock-passphrase, unlock-submit, unlock-error ("Wrong passphrase"),
//                  unlock-use-recovery
//   Search         search-input, search-result (rows), search-snippet (inside a result; matched
//                  words are <mark> elements), search-empty
//   Calendar       calendar, calendar-day (data-day)
//   Trash          trash-row, trash-restore
//   Settings       settings-auto-lock, settings-theme, settings-text-size,
//                  settings-protect-screen, settings-keyring, settings-current-passphrase,
//                  settings-new-passphrase, settings-change-passphrase

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  editEntry,
  allByTestId,
  byTestId,
  click,
  profileDirs,
  relaunch,
  replaceText,
  screenshot,
  session,
  startApp,
  stopApp,
  type,
  typeAndEnter,
  valueOf,
  waitForCount,
  waitForSaved,
  waitForTestId,
  waitForText,
  waitForValue,
} from "./driver.mjs";
import { story } from "./story.mjs";

const PASSPHRASE = "a quiet evening by the lake";
const WRONG_PASSPHRASE = "a noisy morning in the city";
const TITLE = "After the retreat";
const BODY = "Walked to the pier at dusk and thought about the lanternfish documentary. Calm, for once.";
const EDITED_BODY = "Rewrote this later: nothing about fish, just the long drive home.";
const TAG = "retreat-weekend";
const PERSON = "Mara";

const { step, accessible } = story();

/** Waits for the entry list to show a row with this title (the list refreshes after saves). */
async function waitForEntryRow(title, timeoutMs = 15_000) {
  let seen = [];
  return session().wait(
    async () => {
      seen = [];
      for (const row of await allByTestId("entry-row")) {
        // textContent, not getText(): WebDriver's visible-text rule drops the ellipsised title.
        const text = ((await row.getProperty("textContent").catch(() => "")) ?? "").replace(/\s+/g, " ").trim();
        seen.push(text);
        if (text.includes(title)) return row;
      }
      return null;
    },
    timeoutMs,
    () => `the entry list should show a row titled ${JSON.stringify(title)} (rows: ${JSON.stringify(seen)}). `,
  );
}

/** Today's date as the calendar names its days (local time, YYYY-MM-DD). */
function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function unlock(passphrase) {
  await replaceText("unlock-passphrase", passphrase);
  await click("unlock-submit");
}

async function searchFor(words) {
  await click("nav-search");
  await replaceText("search-input", words); // the search runs as you type
}

// Steps that only need the app open and unlocked name this one in `needs`.
const UNLOCKED = "the right passphrase opens the journal again";

describe("journal: the story of one entry", () => {
  let entryId = null;

  before(async () => {
    await startApp("journal");
  });

  after(async () => {
    await stopApp();
  });

  step("first run: create a vault", async () => {
    await type("setup-passphrase", PASSPHRASE);
    await type("setup-passphrase-confirm", PASSPHRASE);
    await waitForTestId("setup-strength");
    await screenshot("01-create-vault");
  });
  accessible("create vault");

  step("recovery phrase: 24 words, continue only once confirmed", async () => {
    await click("setup-create");
    await waitForTestId("recovery-words", 60_000);
    const words = await allByTestId("recovery-word", await waitForTestId("recovery-words"));
    assert.equal(words.length, 24, "the recovery sheet should show 24 words");
    for (const w of words) {
      assert.match(await w.getText(), /[a-z]/i, "every recovery word should have text");
    }
    await waitForTestId("recovery-print");
    const proceed = await waitForTestId("recovery-continue");
    assert.equal(await proceed.isEnabled(), false, "Continue should stay disabled until the words are confirmed written down");
    await screenshot("02-recovery-phrase");
  });
  accessible("recovery phrase");

  step("write an entry and see it saved", async () => {
    await click("recovery-confirm");
    assert.equal(await (await waitForTestId("recovery-confirm")).isSelected(), true, "the confirmation checkbox should be checked");
    await click("recovery-continue");

    await click("new-entry", 30_000);
    await type("editor-title", TITLE);
    await type("editor-body", BODY);
    await typeAndEnter("editor-tags", TAG);
    await typeAndEnter("editor-people", PERSON);
    const mood = await click("editor-mood-4");
    const pressed = (await mood.getAttribute("aria-pressed")) ?? (await mood.getAttribute("aria-checked"));
    assert.equal(pressed, "true", "mood 4 should be shown as chosen (aria-pressed or aria-checked)");
    await waitForSaved();

    const page = await session().findElement({ css: "body" }).getText();
    assert.ok(page.includes(TAG), `the tag "${TAG}" should be shown on the entry`);
    assert.ok(page.includes(PERSON), `the person "${PERSON}" should be shown on the entry`);
    const row = await waitForEntryRow(TITLE);
    entryId = await row.getAttribute("data-entry-id");
    assert.ok(entryId, "the entry row should carry data-entry-id");
    assert.equal((await allByTestId("entry-row")).length, 1, "the list should hold exactly the one new entry");
    await screenshot("03-journal");
  });
  accessible("journal");

  step("lock, then a wrong passphrase is refused", async () => {
    await click("lock-button");
    await unlock(WRONG_PASSPHRASE);
    await waitForText("unlock-error", /wrong passphrase/i, 30_000);
    await screenshot("04-unlock");
  });
  accessible("unlock");

  step(UNLOCKED, async () => {
    await unlock(PASSPHRASE);
    await waitForTestId("entry-list", 30_000);
    const row = await waitForEntryRow(TITLE);
    assert.equal(await row.getAttribute("data-entry-id"), entryId, "the same entry should be listed after unlocking");
  });

  step("search finds the entry and marks the word", async () => {
    await searchFor("lanternfish");
    const results = await waitForCount("search-result", (n) => n >= 1, "at least one result");
    assert.equal(results.length, 1, "searching a word used once should find exactly one entry");
    const snippet = await results[0].findElement(byTestId("search-snippet"));
    const marks = await snippet.findElements({ css: "mark" });
    assert.ok(marks.length >= 1, "the snippet should mark the matched word with <mark>");
    assert.match(await marks[0].getProperty("textContent"), /lanternfish/i, "the marked word should be the one searched for");
    await screenshot("05-search");
  });
  accessible("search");

  step("edit the entry, then restore the earlier revision from history", async () => {
    const [result] = await allByTestId("search-result");
    await result.click();
    // An entry opens for reading; Edit opens the editor.
    await waitForText("entry-reading", /lanternfish/i, 30_000);
    await editEntry();
    await waitForValue("editor-body", BODY, 30_000);

    await replaceText("editor-body", EDITED_BODY);
    await waitForSaved();
    assert.equal(await valueOf("editor-body"), EDITED_BODY, "the body should hold the edited text");

    await click("history-button");
    await waitForTestId("history-panel");
    const revisions = await waitForCount("revision-row", (n) => n >= 1, "at least one revision");
    // History lists earlier versions, newest first: the newest is the text the edit replaced.
    // Rows show a title (or the start of the body), so a row showing the word is preferred.
    let chosen = revisions[0];
    const listed = [];
    for (const row of revisions) {
      const text = (await row.getProperty("textContent")).replace(/\s+/g, " ").trim();
      listed.push(`${await row.getAttribute("data-revision-id")}: ${text}`);
      if (text.includes("lanternfish") && chosen === revisions[0]) chosen = row;
    }
    const revisionId = await chosen.getAttribute("data-revision-id");
    assert.ok(revisionId, "revision rows should carry data-revision-id");
    await screenshot("06-history");
    await (await chosen.findElement(byTestId("revision-restore"))).click();

    await waitForValue("editor-body", BODY, 15_000).catch((e) => {
      throw new Error(
        `restoring revision ${revisionId} should bring back the text the edit replaced; history listed:\n  ${listed.join("\n  ")}\n` +
          `(if the text is missing from every revision, the edit did not keep the version it replaced)\n${e.message}`,
      );
    });
    await waitForSaved();
  });

  step("calendar shows today's entry", async () => {
    await click("nav-calendar");
    await waitForTestId("calendar");
    const days = await waitForCount("calendar-day", (n) => n >= 28, "a month of days");
    const names = await Promise.all(days.map((d) => d.getAttribute("data-day")));
    assert.ok(names.includes(today()), `the calendar should have a day ${today()} (data-day values: ${names.slice(0, 5).join(", ")}, …)`);
    await screenshot("07-calendar");
  }, { needs: [UNLOCKED] });
  accessible("calendar");

  step("settings show every section", async () => {
    await click("nav-settings");
    for (const id of [
      "settings-auto-lock",
      "settings-theme",
      "settings-text-size",
      "settings-protect-screen",
      "settings-keyring",
      "settings-current-passphrase",
      "settings-new-passphrase",
      "settings-change-passphrase",
    ]) {
      await waitForTestId(id);
    }
    await screenshot("08-settings");
  }, { needs: [UNLOCKED] });
  accessible("settings");

  step("after quitting and relaunching, the entry is still there", async () => {
    await relaunch();
    await unlock(PASSPHRASE);
    await waitForTestId("entry-list", 30_000);
    const row = await waitForEntryRow(TITLE);
    assert.equal(await row.getAttribute("data-entry-id"), entryId, "the entry should survive a relaunch");
    assert.equal((await allByTestId("entry-row")).length, 1, "the relaunched list should hold just that entry");

    await searchFor("lanternfish");
    const results = await waitForCount("search-result", (n) => n >= 1, "at least one result");
    assert.equal(results.length, 1, "search should find the entry again after a relaunch");
  });

  step("with a backup folder chosen, locking leaves today's encrypted backup there", async () => {
    // The folder is chosen with a system dialog in Settings; here it is written into the
    // preferences file the app reads at start.
    const { root } = profileDirs();
    const folder = path.join(root, "backups");
    const prefsFile = path.join(root, "config", "org.attune.journal", "preferences.json");
    mkdirSync(path.dirname(prefsFile), { recursive: true });
    const prefs = existsSync(prefsFile) ? JSON.parse(readFileSync(prefsFile, "utf8")) : {};
    writeFileSync(prefsFile, JSON.stringify({ ...prefs, backup_folder: folder, backup_keep: 3 }));
    await relaunch();
    await unlock(PASSPHRASE);
    await waitForTestId("entry-list", 30_000);
    await click("lock-button");
    await waitForTestId("unlock-passphrase", 60_000);
    const files = existsSync(folder) ? readdirSync(folder) : [];
    assert.equal(files.length, 1, `one automatic backup should be there: ${JSON.stringify(files)}`);
    assert.match(files[0], /^attune-auto-\d{4}-\d{2}-\d{2}\.attune-backup$/);
    const bytes = readFileSync(path.join(folder, files[0]));
    assert.ok(bytes.length > 4096, "the backup holds the database");
    assert.ok(!bytes.includes(Buffer.from("lanternfish")) && !bytes.includes(Buffer.from(EDITED_BODY.slice(0, 20))), "no entry text in the backup");
    await unlock(PASSPHRASE);
    await click("nav-settings");
    await waitForText("backup-status", /Last automatic backup: Today/, 15_000);
    await session().executeScript("document.getElementById('s-data').scrollIntoView()");
    await screenshot("19-settings-data");
  });
});
