// Nothing a person writes reaches the disk in the clear: marker words go into every kind of
// field (title, body, tags, a person, an exercise answer and its draft, a search), the app is
// used, locked and quit, and then the markers are looked for in every file under the run's
// HOME, XDG folders and /tmp (as UTF-8 and as UTF-16, as WebKit stores some text). They may be
// nowhere: not in WebKit's caches or storage, not in logs, not in temporary files. (The vault
// itself is encrypted, so it holds them only as ciphertext.) A photo goes in too, carrying a
// marker in its text chunk: it is added through the file dialog, shown as a thumbnail and in
// the reading view, and then its bytes (the marker, and a run of its compressed pixels) must be
// nowhere either once the person's own copy of the file is gone.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  answerDialogs,
  click,
  createVault,
  invokeFromPage,
  profileDirs,
  quitApp,
  screenshot,
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
  photo: `photocanary${tag}`,
};
const { step } = story();

/** CRC-32 as PNG chunks use it. */
function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/**
 * A 64×48 PNG with a gradient (shifted by `seed`, so each run's pixels differ), and a text chunk
 * holding `text`; and a run of its compressed pixels.
 */
function pngWithText(text, seed) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const [w, h] = [64, 48];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push((x * 4) & 255, (y * 5) & 255, (x * y + seed) & 255);
  }
  const pixels = deflateSync(Buffer.from(rows));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("tEXt", Buffer.from(`Comment\0${text}`, "latin1")),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return { png, pixels: pixels.subarray(2, 50) };
}

/** Waits until an `img` matching `selector` has loaded (a decoded width above zero). */
async function waitForImage(selector, what) {
  await session().wait(
    async () => session().executeScript(`const i = document.querySelector(${JSON.stringify(selector)}); return !!i && i.complete && i.naturalWidth > 0;`),
    20_000,
    `${what} should load`,
  );
}

const PHOTO = pngWithText(MARKERS.photo, randomBytes(1)[0] | 1);

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

  step("add a photo and see it, as a thumbnail and in the entry", async () => {
    const { root } = profileDirs();
    const file = path.join(root, "harbour.png");
    writeFileSync(file, PHOTO.png);
    const opened = await session().executeScript(
      `const row = [...document.querySelectorAll('[data-testid="entry-row"]')].find((r) => r.textContent.includes(arguments[0]));
       if (row) row.click();
       return !!row;`,
      MARKERS.title,
    );
    assert.ok(opened, "the journal entry should be in the list");
    answerDialogs(file);
    await click("attach-button");
    await waitForTestId("attachment", 20_000);
    await waitForImage('[data-testid="attachment"] img', "the thumbnail");
    await click("read-button").catch(() => {});
    await waitForImage('[data-testid="entry-reading"] img', "the photo in the reading view");
    const src = await session().executeScript('return document.querySelector(\'[data-testid="entry-reading"] img\').getAttribute("src")');
    await screenshot("24-photo-in-entry");
    assert.match(src, /^attune-media:\/\/localhost\/[0-9a-f-]{36}$/, "served by the app's own scheme");
    // The person's own copy of the photo is theirs; what matters is what Attune leaves.
    rmSync(file);
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
    needles.push(["the photo's pixels", "PNG", PHOTO.pixels]);
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
