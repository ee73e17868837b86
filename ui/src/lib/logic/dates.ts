// Dates as a person reads them. Entries carry RFC 3339 times with the offset they were written
// in, and a `local_day` (YYYY-MM-DD) in that offset: group and label by that day, so an entry
// written at 23:30 in another time zone stays on the evening it belongs to.

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });

/** Parses `YYYY-MM-DD` as a calendar date (no time zone shift). */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

export function toDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Today", "Yesterday", or the full date. */
export function dayLabel(day: string, today: Date = new Date()): string {
  const todayKey = toDay(today);
  const yesterday = new Date(today);
  yesterday.setDate(today.getDate() - 1);
  if (day === todayKey) return "Today";
  if (day === toDay(yesterday)) return "Yesterday";
  return dayFormat.format(parseDay(day));
}

/** The wall-clock time the entry was written, as written (its own offset), e.g. "20:15". */
export function wallTime(rfc3339: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!match) return "";
  const date = new Date(2000, 0, 1, Number(match[1]), Number(match[2]));
  return timeFormat.format(date);
}

export function monthLabel(year: number, month: number): string {
  return monthFormat.format(new Date(year, month, 1));
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

/** The weeks of a month as 7-day rows (Monday first), with null for days outside the month. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(year, month, 1);
  const offset = (first.getDay() + 6) % 7; // Monday = 0
  const days = new Date(year, month + 1, 0).getDate();
  const cells: (string | null)[] = Array.from({ length: offset }, () => null);
  for (let d = 1; d <= days; d++) cells.push(toDay(new Date(year, month, d)));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

const shortFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });

/** "Friday 8 May": a day near enough that the year goes without saying. */
export function shortDay(day: string): string {
  return shortFormat.format(parseDay(day));
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000);
}
