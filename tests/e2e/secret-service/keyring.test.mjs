// The lock holds with "unlock automatically on this device" on, under a real Secret Service
// (gnome-keyring on a private D-Bus session: run with E2E_SECRET_SERVICE=1, as scripts/test.sh
// does). The keyring opens the vault when the app starts, and never after a lock: the unlock
// screen then waits for the passphrase.

import assert from "node:assert/strict";
import { after, before, describe } from "node:test";

import { allByTestId, click, createVault, relaunch, session, startApp, stopApp, type, waitForTestId } from "../driver.mjs";
import { story } from "../story.mjs";

const PASSPHRASE = "a lantern left on in the boathouse";
const { step } = story();

describe("keyring: opens at start only, never after a lock", () => {
  before(async () => {
    await startApp("keyring");
  });

  after(async () => {
    await stopApp();
  });

  step("create a vault that the system keyring unlocks", async () => {
    await createVault(PASSPHRASE, { keyring: true });
    await click("nav-settings");
    assert.equal(await (await waitForTestId("settings-keyring")).isSelected(), true, "the real Secret Service took the device key");
  });

  step("starting the app again opens the vault through the keyring", async () => {
    await relaunch();
    await waitForTestId("new-entry", 60_000);
    assert.equal((await allByTestId("unlock-passphrase")).length, 0, "no passphrase was asked for");
  });

  step("after locking, the unlock screen waits for the passphrase", async () => {
    await click("lock-button");
    await waitForTestId("unlock-passphrase", 30_000);
    // Give a self-unlock every chance to happen.
    await session().sleep(4000);
    assert.equal((await allByTestId("new-entry")).length, 0, "the journal must stay closed");
    assert.equal((await allByTestId("unlock-passphrase")).length, 1, "the unlock screen is still waiting");
    const refused = await session().executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("unlock_with_keyring").then(() => done("opened"), (e) => done(e.code));`,
    );
    assert.equal(refused, "locked", "the page itself cannot open the vault through the keyring after a lock");
    assert.equal((await allByTestId("new-entry")).length, 0);
  });

  step("the passphrase opens it", async () => {
    await type("unlock-passphrase", PASSPHRASE);
    await click("unlock-submit");
    await waitForTestId("new-entry", 60_000);
  });
});
