// Nothing a person writes reaches the disk in the clear: marker words go into every kind of
// field (title, body, tags, a person, an exercise answer and its draft, a search), the app is
// used, locked and quit, and then the markers are looked for in every file under the run's
// HOME, XDG folders and /tmp (as UTF-8 and as UTF-16, as WebKit stores some text). They may be
// nowhere: not in WebKit's caches or storage, not in logs, not in temporary files. (The vault
// itself is encrypted, so it holds them only as ciphertext.)

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  click,
  createVault,
  invokeFromPage,
  profileDirs,
  quitApp,
  session,
  startApp,
  stopApp,
  type,
  typeAndEnter,
  waitForSaved,
  waitForTestId,
} from "./driver.mjs";
import { story } from "./story.mjs";

const PASSPHRASE = "a moth circling the porch light";
// Random per run, so files from other runs in /tmp can never match.
const tag = randomBytes(5).toString("hex");
const MARKERS = {
  title: `titlecanary${tag}`,
  body: `bodycanary${tag}`,
  tag: `tagcanary${tag}`,
  person: `personcanary${tag}`,
  answer: `answercanary${tag}`,
  draft: `draftcanary${tag}`,
  search: `searchcanary${tag}`,
};
const { step } = story();

/** Every regular file under `dir` (not following links), skipping the huge. */
function filesUnder(dir, out = []) {
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    let info;
    try {
      info = lstatSync(full);
    } catch {
      continue;
    }
    if (info.isDirectory()) filesUnder(full, out);
    else if (info.isFile() && info.size < 64 * 1024 * 1024) out.push(full);
  }
  return out;
}

describe("canary: no written word anywhere on disk in the clear", () => {
  before(async () => {
    await startApp("canary");
  });

  after(async () => {
    await stopApp();
  });

  step("write marker words into every kind of field", async () => {
    await createVault(PASSPHRASE);

    await click("new-entry");
    await type("editor-title", MARKERS.title);
    await type("editor-body", `${MARKERS.body} by the water`);
    await typeAndEnter("editor-tags", MARKERS.tag);
    await typeAndEnter("editor-people", MARKERS.person);
    await waitForSaved();

    const draft = await invokeFromPage("save_exercise_draft", { packId: "gratitude", answers: { "glad-of": { text: MARKERS.draft } }, step: 0 });
    assert.ok(draft.ok, JSON.stringify(draft));
    const done = await invokeFromPage("finish_exercise", { packId: "gratitude", answers: { "glad-of": { text: MARKERS.answer } } });
    assert.ok(done.ok, JSON.stringify(done));
    await invokeFromPage("save_exercise_draft", { packId: "boundaries", answers: {}, step: 0 });

    await click("nav-search");
    await type("search-input", MARKERS.search);
    await session().sleep(1000);
    await click("nav-journal");
    await waitForTestId("entry-row", 15_000);
  });

  step("lock and quit, then find the markers nowhere", async () => {
    await click("lock-button");
    await waitForTestId("unlock-passphrase", 30_000);
    await quitApp();

    const { root, vault } = profileDirs();
    const roots = [root, "/tmp", process.env.HOME, process.env.XDG_DATA_HOME, process.env.XDG_CACHE_HOME, process.env.XDG_CONFIG_HOME]
      .filter((d) => d && existsSync(d));
    const files = [...new Set(roots.flatMap((d) => filesUnder(d)))];
    const webkit = files.filter((f) => /webkit|cache|storage/i.test(f));
    assert.ok(files.length > 3, `the scan saw files: ${files.length}`);
    const needles = Object.values(MARKERS).flatMap((m) => [
      [m, "UTF-8", Buffer.from(m, "utf8")],
      [m, "UTF-16", Buffer.from(m, "utf16le")],
    ]);
    const found = [];
    for (const file of files) {
      let bytes;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      for (const [marker, encoding, needle] of needles) {
        if (bytes.includes(needle)) found.push(`${file}: ${marker} (${encoding})`);
      }
    }
    assert.deepEqual(found, [], `written words found in the clear (WebKit files seen: ${webkit.length})`);
    assert.ok(existsSync(path.join(vault, "vault.db")), "the vault itself is there, encrypted");
  });
});
