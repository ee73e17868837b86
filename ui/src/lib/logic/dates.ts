// Dates as a person reads them. Entries carry RFC 3339 times with the offset they were written
// in, and a `local_day` (YYYY-MM-DD) in that offset: group and label by that day, so an entry
// written at 23:30 in another time zone stays on the evening it belongs to.

// Words and formats come from Intl in the UI's language (`formatLocale`), so "today" reads
// "hoje" or "hoy", and weekdays and months are named as the person names them.
import { firstDayOfWeek, formatLocale, t } from "../i18n/index.svelte";

const formats = new Map<string, Intl.DateTimeFormat>();

/** A date formatter for the current language, made once per language and shape. */
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = formatLocale();
  const id = `${tag} ${JSON.stringify(options)}`;
  let format = formats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, options);
    formats.set(id, format);
  }
  return format;
}

const DAY = { weekday: "long", day: "numeric", month: "long", year: "numeric" } as const;
const TIME = { hour: "2-digit", minute: "2-digit" } as const;
const MONTH = { month: "long", year: "numeric" } as const;
const SHORT = { weekday: "long", day: "numeric", month: "long" } as const;

/** Parses `YYYY-MM-DD` as a calendar date (no time zone shift). */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

export function toDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "today" or "yesterday" in the current language ("hoje", "ayer"), or null for other days. */
export function relativeDay(day: string, today: Date = new Date()): string | null {
  const offset = daysBetween(toDay(today), day);
  if (offset !== 0 && offset !== -1) return null;
  return new Intl.RelativeTimeFormat(formatLocale(), { numeric: "auto" }).format(offset, "day");
}

/** "Today", "Yesterday" (in the current language, capitalised as a heading), or the full date. */
export function dayLabel(day: string, today: Date = new Date()): string {
  const relative = relativeDay(day, today);
  if (relative) return relative.charAt(0).toLocaleUpperCase(formatLocale()) + relative.slice(1);
  return dateFormat(DAY).format(parseDay(day));
}

/** True when `day` is the day before `today`. */
export function isYesterday(day: string, today: Date = new Date()): boolean {
  return daysBetween(toDay(today), day) === -1;
}

/** The wall-clock time the entry was written, as written (its own offset), e.g. "20:15". */
export function wallTime(rfc3339: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!match) return "";
  const date = new Date(2000, 0, 1, Number(match[1]), Number(match[2]));
  return dateFormat(TIME).format(date);
}

export function monthLabel(year: number, month: number): string {
  return dateFormat(MONTH).format(new Date(year, month, 1));
}

export type Row<T> = { kind: "day"; day: string } | { kind: "entry"; day: string; item: T };

/** Interleaves a day heading before the first entry of each day (entries are newest first). */
export function groupByDay<T extends { local_day: string }>(items: T[]): Row<T>[] {
  const rows: Row<T>[] = [];
  let current: string | null = null;
  for (const item of items) {
    if (item.local_day !== current) {
      current = item.local_day;
      rows.push({ kind: "day", day: current });
    }
    rows.push({ kind: "entry", day: current, item });
  }
  return rows;
}

/**
 * The weeks of a month as 7-day rows starting on `firstDay` (1 = Monday … 7 = Sunday; by
 * default the current language's), with null for days outside the month.
 */
export function monthGrid(year: number, month: number, firstDay: number = firstDayOfWeek()): (string | null)[][] {
  const first = new Date(year, month, 1);
  const offset = (first.getDay() - (firstDay % 7) + 7) % 7; // days before the 1st in its week
  const days = new Date(year, month + 1, 0).getDate();
  const cells: (string | null)[] = Array.from({ length: offset }, () => null);
  for (let d = 1; d <= days; d++) cells.push(toDay(new Date(year, month, d)));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The names of the weekdays in grid order from `firstDay`, short ("Mon") and long ("Monday"). */
export function weekdayNames(firstDay: number = firstDayOfWeek()): { short: string; long: string }[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(2024, 0, ((firstDay - 1 + i) % 7) + 1);
    return { short: dateFormat({ weekday: "short" }).format(date), long: dateFormat({ weekday: "long" }).format(date) };
  });
}

/** "Friday 8 May": a day near enough that the year goes without saying. */
export function shortDay(day: string): string {
  return dateFormat(SHORT).format(parseDay(day));
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000);
}

/**
 * How long ago `rfc3339` was, in the current language: "just now" under a minute, then
 * minutes, hours, calendar days ("yesterday", "3 days ago"; "há 3 dias", "hace 3 días"), and
 * past four weeks the day itself. A time a little ahead of `now` (another computer's clock
 * runs fast) reads "just now"; an unreadable one reads "".
 */
export function timeAgo(rfc3339: string, now: Date = new Date()): string {
  const then = new Date(rfc3339);
  if (Number.isNaN(then.getTime())) return "";
  const seconds = Math.min(0, Math.round((then.getTime() - now.getTime()) / 1000));
  const ago = new Intl.RelativeTimeFormat(formatLocale(), { numeric: "auto" });
  if (seconds > -60) return t("dates.justNow");
  if (seconds > -3600) return ago.format(Math.round(seconds / 60), "minute");
  const days = daysBetween(toDay(now), toDay(then));
  if (seconds > -86_400 && days === 0) return ago.format(Math.round(seconds / 3600), "hour");
  if (days >= -28) return ago.format(Math.min(days, -1), "day");
  return dateFormat(DAY).format(then);
}
