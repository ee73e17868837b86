import { describe, expect, it } from "vitest";
import { dayLabel, groupByDay, monthGrid, toDay, wallTime } from "./dates";

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
});
