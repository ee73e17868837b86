// Attune in Portuguese and Spanish, end to end in the real app. The app starts on a Brazilian
// system (LANG=pt_BR.UTF-8, no choice in Settings): every screen is in Portuguese from the first
// one. A person creates a vault, does the daily check-in and the boundary checklist, finds both
// in the journal and saves a summary whose PDF (read with pdftotext) is in Portuguese. Then
// Settings switches to Spanish: the window changes at once, and so does the unlock screen after
// locking. Screenshots of every main screen in both languages go to target/e2e/screenshots/
// (pt-BR-*.png and es-*.png).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  allByTestId,
  answerDialogs,
  click,
  createVault,
  pageText,
  profileDirs,
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

const PASSPHRASE = "uma noite tranquila perto do lago";
const MOMENT = "Minha irmã pediu carona para o aeroporto na minha única noite livre.";

const { step, accessible } = story();

async function waitForPage(pattern, description) {
  await session().wait(async () => pattern.test(await pageText()), 15_000, description);
}

async function stepTotal() {
  const text = ((await (await waitForTestId("step-count")).getProperty("textContent")) ?? "").trim();
  const match = text.match(/(\d+)\D+(\d+)/);
  assert.ok(match, `the step counter reads "step N of M" in some language: ${text}`);
  return Number(match[2]);
}

/** Waits until the counter's first number ("Etapa 3 de 11", "Paso 3 de 11") is `n`. */
async function waitForStep(n) {
  await waitForText("step-count", new RegExp(`^\\D*${n}\\D`));
}

/** Goes through every remaining step with Next until the result shows. */
async function finish() {
  const total = await stepTotal();
  for (let n = 1; n <= total; n++) {
    await click("step-next");
    if (n < total) await waitForStep(n + 1);
  }
  await waitForTestId("exercise-result", 30_000);
}

/** Every main screen, as `prefix-<screen>.png`. */
async function screenshotMainScreens(prefix) {
  for (const view of ["today", "journal", "exercises", "patterns", "people", "search", "calendar", "settings"]) {
    await click(`nav-${view}`);
    await session().sleep(400);
    await screenshot(`${prefix}-${view}`);
  }
  await click("nav-help");
  await waitForTestId("help-panel");
  await screenshot(`${prefix}-help`);
  await click("help-close");
}

describe("languages: a Brazilian system gets Portuguese everywhere, and Spanish is one choice away", () => {
  before(async () => {
    // LANGUAGE is what WebKit reads for navigator.language; LANG is what the Rust side reads.
    await startApp("languages", { env: { LANG: "pt_BR.UTF-8", LANGUAGE: "pt_BR", LC_ALL: "", LC_MESSAGES: "" } });
  });

  after(async () => {
    await stopApp();
  });

  step("the first screen is in Portuguese, and the vault is made there", async () => {
    await waitForTestId("setup-passphrase", 30_000);
    const lang = await session().executeScript("return document.documentElement.lang");
    assert.equal(lang, "pt-BR", "the page says which language it is in");
    await waitForPage(/frase-senha/i, "the setup screen speaks Portuguese");
    await screenshot("pt-BR-setup");
    await createVault(PASSPHRASE);
    await waitForPage(/Diário/, "the journal's navigation is in Portuguese");
  });
  accessible("journal (pt-BR)");

  step("the daily check-in runs in Portuguese, notice included", async () => {
    await click("nav-today");
    await waitForTestId("today");
    await click("quick-checkin");
    await waitForTestId("begin-exercise");
    assert.match(await (await waitForTestId("disclaimer")).getText(), /não são terapia/i);
    await screenshot("pt-BR-exercise-intro");
    await click("begin-exercise");
    for (const [dimension, value] of [["calm", 3], ["relaxed", 2], ["safe", 3], ["anxious", 1], ["tense", 2], ["obsessive", 0]]) {
      await click(`checkin-${dimension}-${value}`);
    }
    await screenshot("pt-BR-runner-checkin");
    await finish();
    const result = await (await waitForTestId("exercise-result")).getText();
    assert.match(result, /8 de 12/, `the score reads in Portuguese: ${result}`);
    await screenshot("pt-BR-result");
  });
  accessible("exercise result (pt-BR)");

  step("the boundary checklist runs in Portuguese", async () => {
    await click("result-back");
    await waitForTestId("exercise-library");
    await waitForPage(/Limites em seis áreas/, "the library shows the pack's Portuguese title");
    await screenshot("pt-BR-library");
    await click("pack-boundaries");
    await click("begin-exercise");
    await waitForText("step-prompt", /Tempo/);
    for (const [item, mark] of [["own-plans", "sometimes"], ["overcommit", "yes"], ["rest", "no"], ["gave-away", "yes"]]) {
      await click(`mark-${item}-${mark}`);
    }
    await waitForPage(/às vezes/i, "the marks are in Portuguese");
    await screenshot("pt-BR-runner-checklist");
    const total = await stepTotal();
    for (let n = 1; n < total; n++) {
      if (await session().executeScript("return !!document.querySelector('[data-testid=step-text]')")) {
        await type("step-text", MOMENT);
      }
      await click("step-next");
      await waitForStep(n + 1);
    }
    await click("step-next");
    const result = await (await waitForTestId("exercise-result", 30_000)).getText();
    assert.match(result, /Tempo/, "a score for the time area, named in Portuguese");
  });

  step("both are in the journal, read as question and answer in Portuguese", async () => {
    await click("result-open-entry");
    const entry = await waitForTestId("exercise-entry", 15_000);
    await session().wait(async () => (await entry.getText()).includes(MOMENT), 15_000, "the answer is shown under its prompt");
    const text = await entry.getText();
    assert.ok(text.includes("Limites em seis áreas"), text);
    assert.match(text, /às vezes|sim|não/i);
    const rows = await allByTestId("entry-row");
    assert.equal(rows.length, 2, "the check-in and the checklist");
    const list = await pageText();
    assert.ok(list.includes("Check-in diário"), "the check-in's title is Portuguese in the list");
    await screenshot("pt-BR-exercise-in-journal");
  });

  step("a summary saved as PDF is in Portuguese", async () => {
    await click("nav-patterns");
    await waitForTestId("patterns");
    const pdf = path.join(profileDirs().root, "resumo.pdf");
    answerDialogs(pdf);
    const panel = await waitForTestId("summary-panel");
    await session().executeScript("arguments[0].scrollIntoView()", panel);
    await click("summary-save-pdf");
    await session().wait(async () => existsSync(pdf), 60_000, "the PDF is written where the dialog said");
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).split(/\s+/).join(" ");
    for (const words of ["Minhas reflexões", "O que foi praticado", "Limites em seis áreas", "Check-in diário", "Página 1 de"]) {
      assert.ok(text.includes(words), `"${words}" is in the PDF: ${text.slice(0, 600)}`);
    }
    for (const english of ["What was practised", "My reflections", "Boundaries in six areas"]) {
      assert.ok(!text.includes(english), `"${english}" is not: the PDF is in Portuguese`);
    }
    await click("summary-preview-button");
    const page = await waitForTestId("summary-page", 30_000);
    await session().wait(async () => (await page.getText()).includes("O que foi praticado"), 15_000, "the preview reads as the PDF");
  });

  step("every main screen in Portuguese", async () => {
    await screenshotMainScreens("pt-BR");
    await click("nav-help");
    const help = await (await waitForTestId("help-panel")).getText();
    assert.match(help, /CVV/, "a Brazilian system sees Brazil's lines");
    assert.match(help, /Apoio emocional/, "described in Portuguese");
    await click("help-close");
  });

  step("choosing Español in Settings changes the window at once", async () => {
    await click("nav-settings");
    await setSelect("settings-language", "es");
    await waitForPage(/Diario/, "the navigation is Spanish without a reload");
    assert.equal(await session().executeScript("return document.documentElement.lang"), "es");
    await click("nav-exercises");
    await waitForPage(/Límites en seis áreas/, "the packs follow: the library is in Spanish");
    await screenshotMainScreens("es");
    await click("nav-exercises");
    await click("pack-boundaries");
    await waitForTestId("begin-exercise");
    await screenshot("es-exercise-intro");
  });
  accessible("exercise intro (es)");

  step("the unlock screen after locking is in Spanish too, and unlocks", async () => {
    await click("lock-button");
    await waitForTestId("unlock-passphrase", 30_000);
    await waitForPage(/Desbloquear/i, "the unlock screen speaks Spanish");
    await screenshot("es-unlock");
    await type("unlock-passphrase", PASSPHRASE);
    await click("unlock-submit");
    await waitForTestId("new-entry", 60_000);
    await waitForPage(/Diario/, "still Spanish after unlocking");
  });
});
