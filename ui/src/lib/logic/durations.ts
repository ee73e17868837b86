// Spans of days in words, for the integration plan's look-backs ("After one week"). The days
// themselves come from the core; this only names them.

const named: Record<number, string> = { 1: "one day", 7: "one week", 14: "two weeks", 30: "one month", 90: "three months", 180: "six months", 365: "one year" };

/** A span of days in words: "one week", "three months", or "45 days". */
export function spanWords(days: number): string {
  return named[days] ?? `${days} days`;
}

/** A look-back's name: "After one month". */
export function lookBackName(days: number): string {
  return `After ${spanWords(days)}`;
}

/** Items joined as a sentence: "a, b and c". */
export function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
