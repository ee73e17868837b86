import { describe, expect, it } from "vitest";
import { listWords, lookBackName, spanWords } from "./durations";

describe("spans of days in words", () => {
  it("names the plan's look-backs", () => {
    expect([1, 7, 30, 90].map(lookBackName)).toEqual(["After one day", "After one week", "After one month", "After three months"]);
  });

  it("counts days it has no name for", () => {
    expect(spanWords(45)).toBe("45 days");
  });

  it("joins a list as a sentence", () => {
    expect(listWords([])).toBe("");
    expect(listWords(["one day"])).toBe("one day");
    expect(listWords(["one day", "one week", "one month"])).toBe("one day, one week and one month");
  });
});
