// Writing and reading an entry: the Markdown editor styles the text as it is typed, a saved
// entry reads formatted, and hostile Markdown (as an import could bring) runs nothing and
// fetches nothing. Spell checking is on by default, in the UI's language and the others
// installed, and the Settings switch turns it off.
//
// A local HTTP server counts every request: remote images, iframes, stylesheets and links in
// the entry point at it, so a fetch anywhere (sanitiser or CSP failing) is seen.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  Key,
  click,
  createVault,
  editEntry,
  profileDirs,
  screenshot,
  session,
  startApp,
  stopApp,
  type,
  waitForSaved,
  waitForTestId,
  waitForText,
  waitForValue,
} from "./driver.mjs";
import { story } from "./story.mjs";

const PASSPHRASE = "the kettle sings before the rain";
const { step, accessible } = story();

let server = null;
const requests = [];

/** The app's log lines (tauri-plugin-log writes them under the profile's XDG data folder). */
function appLog() {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".log")) found.push(readFileSync(full, "utf8"));
    }
  };
  walk(path.join(profileDirs().root, "data"));
  return found.join("\n");
}

function hostileBody(origin) {
  return [
    "# Evening at the lake",
    "",
    "Some **steady** words and *soft* ones.",
    "",
    "1\\. not a list, as Day One writes it",
    "",
    '<script>window.__pwned = "script"</script>',
    "",
    `<img src="${origin}/raw.png" onerror="window.__pwned = 'onerror'">`,
    "",
    `![a remote photo](${origin}/remote.png)`,
    "",
    "[a script link](javascript:window.__pwned='link')",
    "",
    `[a web page](${origin}/page)`,
    "",
    `<iframe src="${origin}/frame"></iframe>`,
    "",
    `<style>body { background: url(${origin}/bg.png) }</style>`,
    "",
    `<svg><image href="${origin}/svg.png"></image></svg>`,
  ].join("\n");
}

describe("reading and writing: formatted Markdown, hostile text inert, spell check on", () => {
  let origin = "";
  let body = "";

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url);
      res.writeHead(200, { "content-type": "image/png" });
      res.end();
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
    body = hostileBody(origin);
    await startApp("reading");
  });

  after(async () => {
    await stopApp();
    await new Promise((resolve) => server?.close(resolve));
  });

  step("a new entry opens in the Markdown editor, spell checked", async () => {
    await createVault(PASSPHRASE);
    await click("new-entry");
    const editor = await waitForTestId("editor-body");
    assert.equal(await editor.getAttribute("contenteditable"), "true", "the body should be CodeMirror's editable content");
    assert.equal(await editor.getAttribute("spellcheck"), "true", "spell checking should be on by default");
    const labelled = await session().executeScript(
      "const el = arguments[0]; return document.getElementById(el.getAttribute('aria-labelledby'))?.textContent ?? ''",
      editor,
    );
    assert.equal(labelled, "Entry text", "the editor should be labelled for screen readers");
  });

  step("the web context checks spelling in the UI's language, then the others installed", async () => {
    let log = "";
    await session().wait(
      async () => {
        log = appLog();
        return /spell checking enabled=true languages=\S+/.test(log);
      },
      15_000,
      "the app should log the web context's spell checking state",
    );
    const languages = log.match(/spell checking enabled=true languages=(\S*)/)[1].split(",");
    assert.equal(languages[0], "en_US", `the UI speaks English, so English should come first: ${languages}`);
    for (const other of ["pt_BR", "es_ES"]) {
      assert.ok(languages.includes(other), `${other} should be checked too (its dictionary is installed by scripts/setup.sh): ${languages}`);
    }
  });

  step("typing Markdown styles it under the strict CSP, and every keystroke arrives", async () => {
    const editor = await waitForTestId("editor-body");
    await session().executeScript(`
      window.__lat = [];
      arguments[0].addEventListener('keydown', () => { const t = performance.now(); requestAnimationFrame(() => window.__lat.push(performance.now() - t)); });
    `, editor);
    await type("editor-title", "A hostile evening");
    await editor.click();
    // A person ends a line with the Enter key (WebDriver would send "\n" as a character, which
    // a contenteditable editor does not take as a line break).
    const keys = body.replaceAll("\n", Key.ENTER);
    for (let i = 0; i < keys.length; i += 40) await editor.sendKeys(keys.slice(i, i + 40));
    await waitForValue("editor-body", body, 30_000);
    await waitForSaved();
    const latencies = (await session().executeScript("return window.__lat")).sort((a, b) => a - b);
    const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
    console.log(`typing ${latencies.length} keys in the editor: keydown to next frame p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`);
    // CodeMirror's own styles (constructed style sheets) and the heading style both apply.
    const styled = await session().executeScript(`
      const root = document.querySelector('.cm-editor');
      const heading = [...document.querySelectorAll('.cm-line span')].find((s) => s.textContent.includes('Evening at the lake'));
      const plain = [...document.querySelectorAll('.cm-line')].find((l) => l.textContent.startsWith('Some'));
      return { display: getComputedStyle(root).display, heading: heading ? parseFloat(getComputedStyle(heading).fontSize) : 0, plain: parseFloat(getComputedStyle(plain).fontSize) };
    `);
    assert.equal(styled.display, "flex", "CodeMirror's base styles should apply under the CSP");
    assert.ok(styled.heading > styled.plain * 1.2, `a # heading should be set larger as it is typed: ${JSON.stringify(styled)}`);
    await session().executeScript("document.querySelector('.cm-scroller').scrollTop = 0");
    await screenshot("reading-01-editor");
  });

  step("the saved entry reads formatted, and nothing in it runs or fetches", async () => {
    await click("read-button");
    const reading = await waitForTestId("entry-reading");
    await waitForText("entry-reading", /Evening at the lake/);
    const found = await session().executeScript(`
      const el = arguments[0];
      return {
        h1: el.querySelector('h1')?.textContent ?? null,
        strong: el.querySelector('strong')?.textContent ?? null,
        lists: el.querySelectorAll('ol, ul').length,
        active: [...el.querySelectorAll('script, img, iframe, style, svg, object, embed')].map((e) => e.tagName),
        links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        handlers: [...el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
        pwned: window.__pwned ?? null,
      };
    `, reading);
    assert.equal(found.h1, "Evening at the lake", "the # line should read as a heading");
    assert.equal(found.strong, "steady", "**steady** should read bold");
    assert.equal(found.lists, 0, "Day One's 1\\. should read as plain text, not a list");
    assert.deepEqual(found.active, [], "no script, image, frame, style or SVG may reach the page");
    assert.deepEqual(found.handlers, [], "no event handler may reach the page");
    assert.deepEqual(found.links, [`${origin}/page`], "only the web link should stay a link (the script link is text)");
    assert.equal(found.pwned, null, "no script in the entry may have run");
    assert.match(await reading.getText(), /1\. not a list/, "the escape should read as its plain character");
    await screenshot("reading-02-formatted");

    // Clicking the link leaves the app where it was.
    await (await reading.findElement({ css: "a" })).click();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.match(await session().getCurrentUrl(), /^tauri:\/\/localhost/, "a link in an entry should not open inside the app");
    await waitForTestId("entry-reading");
    assert.deepEqual(requests, [], `nothing may be requested from a server an entry names: ${requests.join(", ")}`);
    assert.equal(await session().executeScript("return window.__pwned ?? null"), null, "still nothing ran");
  });
  accessible("reading an entry");

  step("Edit opens the same text in the editor again", async () => {
    await editEntry();
    await waitForValue("editor-body", body);
  });

  step("the Settings switch turns spell checking off", async () => {
    await click("nav-settings");
    const box = await waitForTestId("settings-spell-check");
    assert.equal(await box.isSelected(), true, "the switch should start on");
    await box.click();
    await session().wait(async () => /spell checking enabled=false/.test(appLog()), 15_000, "the web context should be told spell checking is off");
    await click("nav-journal");
    await click("new-entry");
    const editor = await waitForTestId("editor-body");
    assert.equal(await editor.getAttribute("spellcheck"), "false", "the editor should stop asking for spell checking");
    await click("nav-settings");
    await (await waitForTestId("settings-spell-check")).click();
    await session().wait(async () => (appLog().match(/spell checking enabled=true/g) ?? []).length >= 2, 15_000, "and back on");
  });
});
