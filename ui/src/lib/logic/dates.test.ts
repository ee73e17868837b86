import { beforeAll, describe, expect, it } from "vitest";
import { loadLocale, setLocale } from "../i18n/index.svelte";
import { dayLabel, groupByDay, monthGrid, timeAgo, toDay, wallTime } from "./dates";

beforeAll(() => Promise.all([loadLocale("pt-BR"), loadLocale("es")]));

describe("dates", () => {
  it("labels today and yesterday by the local calendar", () => {
    const now = new Date(2026, 2, 14, 9, 0);
    expect(dayLabel("2026-03-14", now)).toBe("Today");
    expect(dayLabel("2026-03-13", now)).toBe("Yesterday");
    expect(dayLabel("2026-03-01", now)).not.toMatch(/Today|Yesterday/);
  });

  it("shows the time as written, in the entry's own offset", () => {
    expect(wallTime("2026-03-14T23:30:00.000+05:00")).toMatch(/23.30|11.30/);
  });

  it("puts one heading before each day's entries", () => {
    const rows = groupByDay([
      { local_day: "2026-03-14", id: "a" },
      { local_day: "2026-03-14", id: "b" },
      { local_day: "2026-03-12", id: "c" },
    ]);
    expect(rows.map((r) => r.kind)).toEqual(["day", "entry", "entry", "day", "entry"]);
  });

  it("builds Monday-first month grids", () => {
    // March 2026 starts on a Sunday: six blanks, then the 1st.
    const weeks = monthGrid(2026, 2, 1);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2026-03-01"]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(toDay(new Date(2026, 0, 5))).toBe("2026-01-05");
  });

  it("builds Sunday-first month grids, as Brazil's calendars are", () => {
    const weeks = monthGrid(2026, 2, 7);
    expect(weeks[0]?.[0]).toBe("2026-03-01");
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    // April 2026 starts on a Wednesday: three blanks before it when Sunday comes first.
    expect(monthGrid(2026, 3, 7)[0]).toEqual([null, null, null, "2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04"]);
  });

  it("says how long ago another computer was seen, in the UI's language", () => {
    const now = new Date(2026, 10, 20, 21, 0, 0);
    const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo, d, h, mi).toISOString();
    setLocale("en", []);
    const seconds = (n: number) => new Date(now.getTime() + n * 1000).toISOString();
    expect(timeAgo(seconds(-20), now)).toBe("just now");
    expect(timeAgo(seconds(90), now)).toBe("just now"); // its clock runs a little fast
    expect(timeAgo(at(2026, 10, 20, 20, 35), now)).toBe("25 minutes ago");
    expect(timeAgo(at(2026, 10, 20, 18, 0), now)).toBe("3 hours ago");
    expect(timeAgo(at(2026, 10, 19, 23, 30), now)).toBe("yesterday"); // under a day, but another day
    expect(timeAgo(at(2026, 10, 17, 9, 0), now)).toBe("3 days ago");
    expect(timeAgo(at(2026, 8, 1, 9, 0), now)).toMatch(/September 1, 2026|1 September 2026/);
    expect(timeAgo("not a time", now)).toBe("");
    setLocale("pt-BR", []);
    expect(timeAgo(at(2026, 10, 20, 20, 35), now)).toBe("há 25 minutos");
    expect(timeAgo(at(2026, 10, 19, 23, 30), now)).toBe("ontem");
    setLocale("es", []);
    expect(timeAgo(at(2026, 10, 17, 9, 0), now)).toBe("hace 3 días");
    expect(timeAgo(seconds(-20), now)).toBe("hace un momento");
    setLocale("en", []);
  });
});
