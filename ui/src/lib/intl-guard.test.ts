import { describe, expect, it } from "vitest";
import "./intl-guard";

describe("intl guard", () => {
  it("formats with the default locale when given a tag Intl rejects", () => {
    expect(() => new Intl.NumberFormat("C").format(1.5)).not.toThrow();
    expect(new Intl.NumberFormat("C").format(2)).toBe(new Intl.NumberFormat().format(2));
    expect(() => new Intl.DateTimeFormat("C").format(new Date(0))).not.toThrow();
  });

  it("leaves good tags alone", () => {
    expect(new Intl.NumberFormat("de-DE").format(1.5)).toBe("1,5");
  });
});
