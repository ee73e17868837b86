import { describe, expect, it } from "vitest";
import { MIN_CHARS, estimateBits, strength } from "./strength";

describe("passphrase strength", () => {
  it("calls anything under the minimum too short", () => {
    expect(strength("short").score).toBe(0);
    expect(strength("a".repeat(MIN_CHARS - 1)).label).toBe("Too short");
  });

  it("rates repetition and common words low", () => {
    expect(strength("aaaaaaaaaaaa").score).toBeLessThanOrEqual(1);
    expect(strength("password1234").score).toBeLessThanOrEqual(1);
  });

  it("rates several ordinary words strong", () => {
    expect(strength("a quiet evening by the lake").score).toBeGreaterThanOrEqual(3);
    expect(strength("copper Lantern drifts over 7 hills").score).toBe(4);
  });

  it("grows with length", () => {
    expect(estimateBits("river stone")).toBeLessThan(estimateBits("river stone cloud meadow"));
  });
});
