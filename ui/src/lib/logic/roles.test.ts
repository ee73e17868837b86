import { describe, expect, it } from "vitest";
import type { PackSummary } from "../ipc/bindings/PackSummary";
import type { Shelf } from "../ipc/bindings/Shelf";
import { packWithRole, packsWithRole } from "./roles";

const pack = (id: string, roles: PackSummary["roles"]): PackSummary => ({
  id, version: "1.0", title: id, why: "", minutes: 2, depth: "light", theme: "nervous-system", roles, steps: 1, imported: false, has_draft: false,
});
const shelves: Shelf[] = [
  { theme: "nervous-system", label: "Body", packs: [pack("checkin", ["daily-checkin"]), pack("contact", ["person"])] },
  { theme: "reciprocity", label: "Giving", packs: [pack("giving", ["person"]), pack("other-checkin", ["daily-checkin"])] },
];

describe("packs by role", () => {
  it("finds every pack offered on a person's page, in library order", () => {
    expect(packsWithRole(shelves, "person").map((p) => p.id)).toEqual(["contact", "giving"]);
  });

  it("offers the first pack with a role, as the core does", () => {
    expect(packWithRole(shelves, "daily-checkin")?.id).toBe("checkin");
    expect(packWithRole(shelves, "grounding")).toBeNull();
  });
});
