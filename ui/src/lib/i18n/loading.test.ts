// Each language but English is a chunk of its own, loaded before the UI switches to it.
import { describe, expect, it } from "vitest";
import { loadLocale, locale, setLocale, t } from "./index.svelte";

describe("loading a language", () => {
  it("speaks English before anything is loaded", () => {
    expect(t("common.cancel")).toBe("Cancel");
  });

  it("refuses to switch to a language whose catalogue is not loaded, and stays as it was", () => {
    expect(() => setLocale("es", [])).toThrow(/es catalogue is not loaded/);
    expect(locale.current).toBe("en");
    expect(t("common.cancel")).toBe("Cancel");
  });

  it("switches once the catalogue is loaded, and loading again changes nothing", async () => {
    await loadLocale("es");
    setLocale("es", []);
    expect(t("settings.language.system")).toBe("Seguir el sistema");
    await loadLocale("es");
    await loadLocale("en");
    expect(t("settings.language.system")).toBe("Seguir el sistema");
    expect(() => setLocale("pt-BR", [])).toThrow(/pt-BR catalogue is not loaded/);
    await loadLocale("pt-BR");
    setLocale("pt-BR", []);
    expect(t("common.cancel")).toBe("Cancelar");
    setLocale("en", []);
  });
});
