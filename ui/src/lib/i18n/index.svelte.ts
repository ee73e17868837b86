// The UI's languages. Messages live in `src/locales/*.json` as ICU MessageFormat (plurals
// through Intl.PluralRules), formatted by intl-messageformat, which needs no `eval` and so fits
// the app's content security policy. `t` reads the current locale from a `$state`, so every
// component that shows a message renders again when the language changes.
//
// English is in the first screen's script (every message falls back to it); each other language
// is a chunk of its own, loaded by `loadLocale` before `setLocale` switches to it, so the start
// does not parse catalogues it will not show.

import { IntlMessageFormat } from "intl-messageformat";
import en from "../../locales/en.json";

export type Locale = "en" | "pt-BR" | "es";
export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** The languages the UI speaks, each named in itself. */
export const locales: readonly { tag: Locale; name: string }[] = [
  { tag: "en", name: "English" },
  { tag: "pt-BR", name: "Português (Brasil)" },
  { tag: "es", name: "Español" },
];

type Catalogue = Record<string, string>;

const loaders: Record<Exclude<Locale, "en">, () => Promise<{ default: Catalogue }>> = {
  "pt-BR": () => import("../../locales/pt-BR.json"),
  es: () => import("../../locales/es.json"),
};

const catalogues: Partial<Record<Locale, Catalogue>> = { en };

/**
 * Loads the catalogue of `tag` (a chunk of its own; English is always there). Resolves once
 * `setLocale(tag)` may be called; rejects if the chunk cannot be read.
 */
export async function loadLocale(tag: Locale): Promise<void> {
  if (catalogues[tag] || tag === "en") return;
  catalogues[tag] = (await loaders[tag]()).default;
}

/** The current UI language (`locale.current`); change it with `setLocale`. */
export const locale = $state<{ current: Locale; system: readonly string[] }>({ current: "en", system: [] });

function isLocale(tag: string | null | undefined): tag is Locale {
  return locales.some((l) => l.tag === tag);
}

function language(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/**
 * The UI language for a choice saved in the preferences (`null`: follow the system) and the
 * system's languages in order (`navigator.languages`): the choice if known; else the first
 * system language that matches exactly, then by language ("pt-PT" → "pt-BR", "es-MX" → "es");
 * else English.
 */
export function resolveLocale(choice: string | null | undefined, systemLanguages: readonly string[]): Locale {
  if (isLocale(choice)) return choice;
  for (const tag of systemLanguages) {
    const exact = locales.find((l) => l.tag.toLowerCase() === tag.replace("_", "-").toLowerCase());
    if (exact) return exact.tag;
    const same = locales.find((l) => language(l.tag) === language(tag));
    if (same) return same.tag;
  }
  return "en";
}

/**
 * Switches the UI language at once, and tells the document (screen readers, hyphenation).
 * Throws if its catalogue was not loaded first (`loadLocale`).
 */
export function setLocale(tag: Locale, systemLanguages: readonly string[] = typeof navigator === "undefined" ? [] : navigator.languages) {
  if (!catalogues[tag]) throw new Error(`the ${tag} catalogue is not loaded yet (loadLocale)`);
  locale.current = tag;
  locale.system = systemLanguages;
  if (typeof document !== "undefined") document.documentElement.lang = tag;
}

/**
 * The tag for `Intl` formatters: the system's own variant of the UI language when it has one
 * (an "en-GB" system with the English UI keeps day-month dates), else the UI language.
 */
export function formatLocale(): string {
  const current = locale.current;
  for (const tag of locale.system) {
    if (language(tag) !== language(current)) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // A tag Intl rejects (the POSIX "C" locale, say): skip it.
    }
  }
  return current;
}

const cache = new Map<string, IntlMessageFormat>();

function format(tag: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${tag}\u0000${key}`;
  let message = cache.get(id);
  if (!message) {
    const text = catalogues[tag]?.[key] ?? en[key] ?? key;
    message = new IntlMessageFormat(text, tag, undefined, { ignoreTag: true });
    cache.set(id, message);
  }
  return message;
}

/** The message `key` in the current language, with `values` for its arguments. */
export function t(key: MessageKey, values?: MessageValues): string {
  const result = format(locale.current, key).format(values as Record<string, string | number | boolean | Date>);
  return Array.isArray(result) ? result.join("") : String(result);
}

/** The first day of the week for the current language and region: 1 = Monday … 7 = Sunday. */
export function firstDayOfWeek(): number {
  try {
    const info = new Intl.Locale(formatLocale()) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const first = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    if (first && first >= 1 && first <= 7) return first;
  } catch {
    // Fall through.
  }
  // Engines without week data (Firefox, WebKit before 17.4) get Monday: the ISO 8601 week, the
  // first day in Spain and much of Europe, and the only layout Attune had before it spoke other
  // languages. (Brazil and most of Latin America start on Sunday; those engines cannot say so.)
  return 1;
}

/** One piece of a message split by `tParts`: plain text, or the value of argument `arg`. */
export type MessagePart = { text: string; arg?: string };

/**
 * The message `key` in pieces, so a template can wrap some arguments in markup (a command in
 * `<code>`, a path in a `<span>`) without splitting the sentence for translators: the string
 * values become their own pieces, marked with the argument's name.
 */
export function tParts(key: MessageKey, values: MessageValues): MessagePart[] {
  const marked: MessageValues = {};
  for (const [name, value] of Object.entries(values)) marked[name] = typeof value === "string" ? `\u{E000}${name}\u{E001}` : value;
  const parts: MessagePart[] = [];
  for (const piece of t(key, marked).split(/(\u{E000}[^\u{E001}]*\u{E001})/u)) {
    if (!piece) continue;
    const name = /^\u{E000}([^\u{E001}]*)\u{E001}$/u.exec(piece)?.[1];
    parts.push(name === undefined ? { text: piece } : { text: String(values[name] ?? ""), arg: name });
  }
  return parts;
}

/** A fraction (0–1) as a whole percentage in the current language: "42%", "42 %". */
export function percent(fraction: number): string {
  return new Intl.NumberFormat(formatLocale(), { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}
