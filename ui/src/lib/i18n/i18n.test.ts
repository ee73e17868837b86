import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { dayLabel, relativeDay, weekdayNames } from "../logic/dates";
import { listWords, lookBackName } from "../logic/durations";
import { strength } from "../logic/strength";
import { firstDayOfWeek, locale, locales, percent, resolveLocale, loadLocale, setLocale, t, tParts } from "./index.svelte";

beforeAll(() => Promise.all([loadLocale("pt-BR"), loadLocale("es")]));
afterEach(() => setLocale("en", []));

describe("t", () => {
  it("formats English as the catalogue writes it", () => {
    expect(t("common.cancel")).toBe("Cancel");
    expect(t("settings.lock.about", { keys: "Ctrl+L" })).toContain("Ctrl+L locks at once.");
  });

  it("uses one and other plurals in English", () => {
    expect(t("people.journal")).toBe("Journal entries");
    expect(t("today.onThisDay.yearsAgo", { count: 1 })).toBe("A year ago");
    expect(t("today.onThisDay.yearsAgo", { count: 3 })).toBe("3 years ago");
    expect(t("calendar.summary", { count: 0 })).toBe("No entries this month.");
    expect(t("calendar.summary", { count: 1 })).toBe("1 entry this month.");
    expect(t("calendar.summary", { count: 2 })).toBe("2 entries this month.");
  });

  it("uses one and other plurals in Brazilian Portuguese", () => {
    setLocale("pt-BR", []);
    expect(t("calendar.summary", { count: 1 })).toBe("1 registro neste mês.");
    expect(t("calendar.summary", { count: 2 })).toBe("2 registros neste mês.");
    expect(t("patterns.inEntries", { count: 1 })).toBe("em 1 registro");
    expect(t("patterns.inEntries", { count: 4 })).toBe("em 4 registros");
  });

  it("uses one and other plurals in Spanish", () => {
    setLocale("es", []);
    expect(t("calendar.summary", { count: 1 })).toBe("1 entrada este mes.");
    expect(t("calendar.summary", { count: 2 })).toBe("2 entradas este mes.");
    expect(t("search.count", { count: 1, order: "relevance" })).toBe("1 entrada, las más relevantes primero");
  });

  it("changes language at once, without reloading the catalogue", () => {
    expect(t("common.cancel")).toBe("Cancel");
    setLocale("pt-BR", []);
    expect(locale.current).toBe("pt-BR");
    expect(t("common.cancel")).toBe("Cancelar");
    setLocale("es", []);
    expect(t("common.cancel")).toBe("Cancelar");
    expect(t("settings.language.system")).toBe("Seguir el sistema");
  });

  it("words made in code follow the language", () => {
    setLocale("pt-BR", []);
    expect(strength("short").label).toBe("Curta demais");
    expect(lookBackName(30)).toBe("Depois de um mês");
    expect(listWords(["a", "b", "c"])).toBe("a, b e c");
    setLocale("es", []);
    expect(lookBackName(7)).toBe("Después de una semana");
    expect(listWords(["a", "b", "c"])).toBe("a, b y c");
  });

  it("splits a message around the arguments a template marks up", () => {
    expect(tParts("data.check.about", { command: "attune doctor" })).toEqual([
      { text: "Reads every page of the encrypted database and checks the search index, the way " },
      { text: "attune doctor", arg: "command" },
      { text: " does." },
    ]);
  });

  it("names each language in itself", () => {
    expect(locales.map((l) => l.name)).toEqual(["English", "Português (Brasil)", "Español"]);
  });
});

describe("resolveLocale", () => {
  it("takes the saved choice first", () => {
    expect(resolveLocale("es", ["pt-BR"])).toBe("es");
    expect(resolveLocale("pt-BR", [])).toBe("pt-BR");
  });

  it("ignores an unknown choice and follows the system", () => {
    expect(resolveLocale("tlh", ["es-ES"])).toBe("es");
    expect(resolveLocale(null, ["pt-BR", "en"])).toBe("pt-BR");
  });

  it("matches exactly, then by language", () => {
    expect(resolveLocale(null, ["pt-PT"])).toBe("pt-BR");
    expect(resolveLocale(null, ["pt"])).toBe("pt-BR");
    expect(resolveLocale(null, ["es-MX"])).toBe("es");
    expect(resolveLocale(null, ["en-GB"])).toBe("en");
    expect(resolveLocale(null, ["pt_BR"])).toBe("pt-BR");
  });

  it("takes the first system language it speaks, else English", () => {
    expect(resolveLocale(null, ["de-DE", "es-AR", "en"])).toBe("es");
    expect(resolveLocale(null, ["de-DE", "fr"])).toBe("en");
    expect(resolveLocale(null, [])).toBe("en");
    expect(resolveLocale(null, ["C"])).toBe("en");
  });
});

describe("dates and numbers in the current language", () => {
  const now = new Date(2026, 2, 14, 9, 0);

  it("says today and yesterday in Brazilian Portuguese", () => {
    setLocale("pt-BR", []);
    expect(relativeDay("2026-03-13", now)).toBe("ontem");
    expect(relativeDay("2026-03-14", now)).toBe("hoje");
    expect(dayLabel("2026-03-13", now)).toBe("Ontem");
    expect(relativeDay("2026-03-10", now)).toBeNull();
  });

  it("says today and yesterday in Spanish", () => {
    setLocale("es", []);
    expect(relativeDay("2026-03-13", now)).toBe("ayer");
    expect(dayLabel("2026-03-14", now)).toBe("Hoy");
  });

  it("names weekdays and months with Intl", () => {
    setLocale("pt-BR", []);
    expect(dayLabel("2026-03-01", now).toLowerCase()).toContain("março");
    expect(weekdayNames(1)[0]?.long.toLowerCase()).toContain("segunda");
    setLocale("es", []);
    expect(dayLabel("2026-03-01", now).toLowerCase()).toContain("marzo");
    expect(weekdayNames(7)[0]?.long.toLowerCase()).toBe("domingo");
  });

  it("keeps the system's own variant of the language for formats", () => {
    setLocale("en", ["en-GB"]);
    expect(dayLabel("2026-03-06", now)).toMatch(/^Friday,? 6 March 2026$/);
    setLocale("en", ["en-US"]);
    expect(dayLabel("2026-03-06", now)).toBe("Friday, March 6, 2026");
  });

  it("starts the week where the language and region start it, when the engine knows", () => {
    const probe = new Intl.Locale("es") as { weekInfo?: unknown; getWeekInfo?: unknown };
    const known = typeof probe.getWeekInfo === "function" || typeof probe.weekInfo === "object";
    setLocale("es", ["es-ES"]);
    expect(firstDayOfWeek()).toBe(1);
    setLocale("pt-BR", ["pt-BR"]);
    // Brazil's calendars start on Sunday; engines without week data fall back to Monday.
    expect(firstDayOfWeek()).toBe(known ? 7 : 1);
  });

  it("formats percentages for the language", () => {
    expect(percent(0.42)).toBe("42%");
    setLocale("es", []);
    expect(percent(0.42).replace(/\s/g, " ")).toBe("42 %");
  });
});
