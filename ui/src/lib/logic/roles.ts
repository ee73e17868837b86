// Finding packs by what the app uses them for (the pack's `roles`, declared in its file), so no
// view names a pack by id.
import type { PackRole } from "../ipc/bindings/PackRole";
import type { PackSummary } from "../ipc/bindings/PackSummary";
import type { Shelf } from "../ipc/bindings/Shelf";

/** Every pack on the shelves that has `role`, in library order. */
export function packsWithRole(shelves: Shelf[], role: PackRole): PackSummary[] {
  return shelves.flatMap((s) => s.packs).filter((p) => p.roles.includes(role));
}

/** The pack the app offers for `role`: the first with it, as the core picks it. */
export function packWithRole(shelves: Shelf[], role: PackRole): PackSummary | null {
  return packsWithRole(shelves, role)[0] ?? null;
}
