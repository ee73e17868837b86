// Two computers, one journal, end to end: the app links its vault to a sync folder from
// Settings (the folder dialog answered through ATTUNE_TEST_DIALOG_ANSWERS), the command-line
// tool joins that folder as a second computer's vault, and each side's changes reach the
// other. An entry edited on both before either heard of the other's edit shows the quiet
// notice, with the other text in its history. Then the other way round: a journal the
// command-line tool linked is brought into a new app from its first-run screen.
//
// Needs the `attune` command-line tool next to the app binary (cargo builds both into the same
// target folder: `cargo build -p attune-app -p attune`), or ATTUNE_CLI naming it.
//
// data-testid beyond journal.test.mjs's list: sync-section, sync-link, sync-folder,
// sync-device-name, sync-last, sync-pending, sync-device (one per other computer), sync-now,
// sync-note, sync-problem, sync-conflict, sync-conflict-history; on the first-run screen
// setup-join, join-choose-folder, join-folder, join-passphrase, join-submit.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  answerDialogs,
  click,
  createVault,
  editEntry,
  pageText,
  profileDirs,
  replaceText,
  screenshot,
  session,
  startApp,
  stopApp,
  type,
  waitForSaved,
  waitForTestId,
  waitForText,
} from "./driver.mjs";
import { story } from "./story.mjs";

const PASSPHRASE = "seven quiet herons at dawn";
const APP_TITLE = "Morning by the sea";
const APP_BODY = "Cold water, warm coffee, a long walk back along the harbour.";
const APP_EDIT = "Cold water, warm coffee, and the long walk back, written again on the laptop.";
const CLI_EDIT = "Cold water and a friend's voice on the phone, told from the desktop.";
const CLI_TITLE = "Evening at the desk";
const CLI_BODY = "The lamp, the rain, a letter half written.";
const LOCKED_TITLE = "Before closing the laptop";
const WHILE_LOCKED_TITLE = "While the laptop was locked";

const { step, accessible } = story();

/** The command-line tool: ATTUNE_CLI, else `attune` beside the app binary. */
function cliBinary() {
  const binary = process.env.ATTUNE_CLI ?? path.join(path.dirname(process.env.ATTUNE_APP ?? ""), "attune");
  assert.ok(existsSync(binary), `the attune command-line tool should exist at ${binary} (cargo build -p attune)`);
  return binary;
}

/** Runs the command-line tool on the second computer's vault; returns what it printed. */
function cli(vault, ...args) {
  const env = { ...process.env, ATTUNE_PASSPHRASE: PASSPHRASE };
  delete env.ATTUNE_VAULT;
  return execFileSync(cliBinary(), ["--vault", vault, ...args], { env, encoding: "utf8", timeout: 60_000 });
}

/** Every file under `dir`, recursively. */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Clicks the entry row whose text includes `title`. */
async function openEntry(title) {
  await session().wait(
    async () =>
      session().executeScript(
        `const row = [...document.querySelectorAll('[data-testid="entry-row"]')].find((r) => r.textContent.includes(arguments[0]));
         if (row) row.click();
         return !!row;`,
        title,
      ),
    15_000,
    `an entry row with "${title}" should be in the list`,
  );
}

describe("sync: two computers, one journal", () => {
  let folder = "";
  let desktop = "";
  let entryId = "";

  before(async () => {
    await startApp("sync");
    folder = path.join(profileDirs().root, "Sync", "attune");
    desktop = path.join(profileDirs().root, "desktop-vault");
  });

  after(async () => {
    await stopApp();
  });

  step("create a vault and write an entry", async () => {
    await waitForTestId("setup-passphrase", 30_000);
    await createVault(PASSPHRASE);
    await click("new-entry");
    await type("editor-title", APP_TITLE);
    await type("editor-body", APP_BODY);
    await waitForSaved();
  });

  step("Settings links the vault to a sync folder, and only encrypted files go there", async () => {
    await click("nav-settings");
    await waitForTestId("sync-section");
    answerDialogs(folder);
    await click("sync-link");
    await waitForText("sync-folder", new RegExp(folder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await waitForText("sync-note", /Linked/);
    await waitForText("sync-pending", /Nothing/);
    const files = filesUnder(folder);
    assert.ok(files.length >= 2, `the folder should hold the link file and a change file: ${files}`);
    assert.ok(!files.some((f) => /vault\.(db|keys)$/.test(f)), `the live vault never goes into the sync folder: ${files}`);
    for (const file of files) {
      const text = readFileSync(file).toString("latin1");
      assert.ok(!text.includes("harbour") && !text.includes(APP_TITLE), `${file} must not hold the entry in the clear`);
    }
  });

  accessible("settings with sync linked");

  step("the command-line tool joins the folder as a second computer and sees the entry", async () => {
    cli(desktop, "sync", "join", folder, "--name", "desktop");
    const entries = JSON.parse(cli(desktop, "list", "--json"));
    const found = entries.find((e) => e.title === APP_TITLE);
    assert.ok(found, `the joined vault should hold the app's entry: ${JSON.stringify(entries)}`);
    entryId = found.id;
  });

  step("both computers edit the same entry before hearing of each other, and the desktop writes another", async () => {
    await click("nav-journal");
    await openEntry(APP_TITLE);
    await editEntry();
    await replaceText("editor-body", APP_EDIT);
    await waitForSaved();
    // The desktop's edit comes later, so it is the one that stays current on both.
    cli(desktop, "edit", entryId, CLI_EDIT);
    cli(desktop, "add", "--title", CLI_TITLE, CLI_BODY);
    cli(desktop, "sync");
  });

  step("Sync now brings the desktop's changes and shows the desktop as seen", async () => {
    await click("nav-settings");
    await click("sync-now");
    await waitForText("sync-note", /^Sent \d+ changes?, received \d+ changes?\.$/);
    await waitForText("sync-device", /desktop/);
    await waitForText("sync-device", /last seen (just now|\d+ minutes? ago)/);
    await screenshot("sync-01-settings-linked");
  });

  step("the list shows the desktop's entry, and the entry edited on both says so quietly", async () => {
    await click("nav-journal");
    await openEntry(CLI_TITLE);
    await waitForText("entry-reading", /letter half written/);
    await openEntry(APP_TITLE);
    await waitForText("entry-reading", /friend's voice/);
    await waitForText("sync-conflict", /Edited on two computers at once\. The other version is in this entry's history\./);
    await screenshot("sync-02-conflict-notice");
    await click("sync-conflict-history");
    await waitForText("history-panel", /written again on the laptop/);
  });

  accessible("entry with a sync notice");

  step("after the next sync the desktop has the same current text, and the laptop's in its history", async () => {
    cli(desktop, "sync");
    const entry = JSON.parse(cli(desktop, "show", entryId, "--json"));
    assert.equal(entry.body, CLI_EDIT, "both computers agree on the current text");
    const history = JSON.parse(cli(desktop, "history", entryId, "--json"));
    assert.ok(
      history.some((r) => r.body === APP_EDIT),
      `the laptop's text is in the desktop's history too: ${JSON.stringify(history.map((r) => r.body))}`,
    );
    assert.ok(!(await pageText()).includes("did not work"), "no sync problem is shown");
  });

  step("locking sends what was just written, and unlocking brings the other computer's news on its own", async () => {
    await click("nav-journal");
    await click("new-entry");
    await type("editor-title", LOCKED_TITLE);
    await type("editor-body", "A few lines before closing the laptop.");
    await waitForSaved();
    await click("lock-button");
    await waitForTestId("unlock-passphrase", 30_000);
    cli(desktop, "sync");
    const titles = JSON.parse(cli(desktop, "list", "--json")).map((e) => e.title);
    assert.ok(titles.includes(LOCKED_TITLE), `the exchange before the lock sent the new entry: ${titles}`);

    cli(desktop, "add", "--title", WHILE_LOCKED_TITLE, "Written on the desktop while the laptop was locked.");
    cli(desktop, "sync");
    await type("unlock-passphrase", PASSPHRASE);
    await click("unlock-submit");
    await waitForTestId("new-entry", 30_000);
    // No "Sync now": the exchange after the unlock runs by itself and the list follows it.
    await openEntry(WHILE_LOCKED_TITLE);
  });
});

describe("sync: bringing a journal from another computer at first run", () => {
  // Its own story: it does not need the steps above.
  const { step } = story();

  before(async () => {
    await startApp("sync-join");
  });

  after(async () => {
    await stopApp();
  });

  step("a journal the command-line tool keeps opens in the app from its sync folder", async () => {
    const root = profileDirs().root;
    const folder = path.join(root, "Nextcloud", "attune");
    const office = path.join(root, "office-vault");
    cli(office, "init");
    cli(office, "add", "--title", CLI_TITLE, CLI_BODY);
    cli(office, "sync", "link", folder, "--name", "office");

    await click("setup-join", 30_000);
    answerDialogs(folder);
    await click("join-choose-folder");
    await waitForText("join-folder", /^attune$/);
    await type("join-passphrase", PASSPHRASE);
    await click("join-submit");
    await openEntry(CLI_TITLE);
    await waitForText("entry-reading", /letter half written/);

    await click("nav-settings");
    await waitForText("sync-device", /office/);
    await waitForText("sync-folder", /Nextcloud\/attune$/);
  });
});
