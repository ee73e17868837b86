// Spans of days in words, for the integration plan's look-backs ("After one week"). The days
// themselves come from the core; this only names them, in the UI's language.
import { t, type MessageKey } from "../i18n/index.svelte";

const named: Record<number, MessageKey> = {
  1: "durations.oneDay",
  7: "durations.oneWeek",
  14: "durations.twoWeeks",
  30: "durations.oneMonth",
  90: "durations.threeMonths",
  180: "durations.sixMonths",
  365: "durations.oneYear",
};

/** A span of days in words: "one week", "three months", or "45 days". */
export function spanWords(days: number): string {
  const key = named[days];
  return key ? t(key) : t("durations.days", { count: days });
}

/** A look-back's name: "After one month". */
export function lookBackName(days: number): string {
  return t("durations.after", { span: spanWords(days) });
}

/** Items joined as a sentence: "a, b and c" ("a, b e c", "a, b y c"). */
export function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : t("durations.list", { rest: items.slice(0, -1).join(", "), last: items[items.length - 1] });
}
