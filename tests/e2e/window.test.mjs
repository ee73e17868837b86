// The window cannot name files and cannot leave the app, end to end in the real app: a script
// in the page tries every call that used to take a path, with /etc/passwd and with the vault's
// own key file, and tries to navigate away and to open a window onto a local HTTP server. Each
// is refused; nothing is read, written or requested. A backup through the app's own dialog
// (answered by the test hook) still works.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  answerDialogs,
  click,
  createVault,
  invokeFromPage,
  profileDirs,
  session,
  startApp,
  stopApp,
  waitForTestId,
  waitForText,
} from "./driver.mjs";
import { story } from "./story.mjs";

const PASSPHRASE = "a kettle singing in the next room";
const { step } = story();

const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("window: no file names from the page, no way out of the app", () => {
  let server;
  let requests = 0;
  let origin = "";

  before(async () => {
    server = http.createServer((_req, res) => {
      requests += 1;
      res.end("<p>outside</p>");
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${server.address().port}/`;
    await startApp("window");
  });

  after(async () => {
    await stopApp();
    await new Promise((resolve) => server.close(resolve));
  });

  step("create a vault", async () => {
    await createVault(PASSPHRASE);
  });

  step("no command takes a path from the page", async () => {
    const keys = path.join(profileDirs().vault, "vault.keys");
    const before = sha256(keys);
    const targets = ["/etc/passwd", keys];
    for (const target of targets) {
      const attempts = [
        ["import_preview", { path: target, format: null }],
        ["import_preview", { source: "file", format: null, path: target }],
        ["import_exercise_pack", { path: target }],
        ["backup_vault", { path: target }],
        ["export_json", { path: target }],
        ["export_markdown", { dir: target }],
        ["export_pdf", { from: null, to: null, path: target }],
        ["save_summary_pdf", { request: { scope: { kind: "range", from: null, to: null }, without: [], exclude: [] }, path: target }],
        ["save_recovery_sheet", { words: ["abandon"], path: target }],
        ["restore_backup", { request: { file: target, dir: "/tmp", in_chosen_folder: false, passphrase: PASSPHRASE, phrase: null, new_passphrase: null } }],
        ["create_vault", { request: { passphrase: PASSPHRASE, dir: path.dirname(target), in_chosen_folder: false, keyring: false } }],
      ];
      for (const [command, args] of attempts) {
        const outcome = await invokeFromPage(command, args);
        // Either refused outright, or it asked through the app's own dialog (answered "cancel"
        // here) and did nothing.
        assert.ok(!outcome.ok || outcome.value === null || outcome.value === false, `${command} with ${target} must do nothing: ${JSON.stringify(outcome)}`);
      }
    }
    assert.equal(sha256(keys), before, "vault.keys is untouched");
    const listed = await invokeFromPage("list_entries", { request: {} });
    assert.equal(listed.value.items.length, 0, "nothing was read into the journal");
  });

  step("the page cannot navigate away or open a window", async () => {
    await session().executeScript(`window.location.href = arguments[0];`, origin);
    await session().sleep(1500);
    await session().executeScript(`window.open(arguments[0]);`, origin);
    await session().executeScript(`const a = document.createElement("a"); a.href = arguments[0]; a.target = "_blank"; document.body.append(a); a.click();`, origin);
    await session().sleep(1500);
    assert.equal(requests, 0, "the local server was never asked for anything");
    assert.equal((await session().getAllWindowHandles()).length, 1, "no second window");
    await waitForTestId("new-entry", 10_000);
  });

  step("a backup goes where the app's own dialog says", async () => {
    const file = path.join(profileDirs().root, "chosen.attune-backup");
    answerDialogs(file);
    await click("nav-settings");
    await click("backup-now");
    await waitForText("backup-note", /Backed up and checked/, 60_000);
    assert.ok(existsSync(file), "the backup was written where the dialog answered");
    assert.ok(readFileSync(file).length > 0);
  });
});
