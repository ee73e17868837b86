// A passphrase strength estimate for the meter on the first-run screen. It favours length and
// several words over symbol tricks, and marks the obvious ones down. Attune's floor is 8
// characters (the core refuses shorter); the meter encourages far more.
import { t } from "../i18n/index.svelte";

export type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string; hint: string };

export const MIN_CHARS = 8;

const COMMON = [
  "password", "passphrase", "123456", "qwerty", "letmein", "welcome", "iloveyou", "admin",
  "monkey", "dragon", "sunshine", "princess", "football", "abc123", "attune", "journal",
];

/** Rough bits of entropy: character pool by classes, discounted for repeats and common words. */
export function estimateBits(passphrase: string): number {
  const chars = [...passphrase];
  if (chars.length === 0) return 0;
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(passphrase)) pool += 20;
  const distinct = new Set(chars.map((c) => c.toLowerCase())).size;
  // Repetition ("aaaaaaaa", "abcabcabc") adds little.
  const effectiveLength = Math.min(chars.length, distinct * 2.5);
  let bits = effectiveLength * Math.log2(Math.max(pool, 2));
  const lower = passphrase.toLowerCase();
  for (const word of COMMON) {
    if (lower.includes(word)) bits -= word.length * 3;
  }
  // Several words separated by spaces are the easiest strong passphrases to remember.
  const words = passphrase.trim().split(/\s+/).filter((w) => w.length >= 3);
  if (words.length >= 4) bits += 10;
  return Math.max(0, Math.round(bits));
}

export function strength(passphrase: string): Strength {
  if ([...passphrase].length < MIN_CHARS) {
    return { score: 0, label: t("strength.tooShort"), hint: t("strength.tooShortHint", { min: MIN_CHARS }) };
  }
  const bits = estimateBits(passphrase);
  if (bits < 40) return { score: 1, label: t("strength.weak"), hint: t("strength.weakHint") };
  if (bits < 60) return { score: 2, label: t("strength.fair"), hint: t("strength.fairHint") };
  if (bits < 80) return { score: 3, label: t("strength.good"), hint: t("strength.goodHint") };
  return { score: 4, label: t("strength.strong"), hint: t("strength.strongHint") };
}
