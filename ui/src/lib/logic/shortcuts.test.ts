import { describe, expect, it } from "vitest";
import { t } from "../i18n/index.svelte";
import { APP_ACTIONS, EXERCISE_ACTIONS, SHORTCUTS, actionFor, keysLabel, shortcutHelp, type Combo } from "./shortcuts";

const press = (c: Combo) => ({ key: c.key, ctrlKey: c.mod === "ctrl", metaKey: false, altKey: c.mod === "alt" });

describe("keyboard shortcuts", () => {
  it("every listed combo reaches its action's handler", () => {
    for (const s of SHORTCUTS) {
      for (const c of s.combos) expect(actionFor(s.scope, press(c)), `${keysLabel(s)} should ${s.description}`).toBe(s.action);
    }
  });

  it("every action has a shortcut, and no action two", () => {
    const app = SHORTCUTS.filter((s) => s.scope === "app").map((s) => s.action);
    const exercise = SHORTCUTS.filter((s) => s.scope === "exercise").map((s) => s.action);
    expect([...app].sort()).toEqual([...APP_ACTIONS].sort());
    expect([...exercise].sort()).toEqual([...EXERCISE_ACTIONS].sort());
  });

  it("every listed shortcut appears in the help with its keys", () => {
    const rows = shortcutHelp().flatMap((g) => g.rows);
    for (const s of SHORTCUTS) expect(rows, `${s.description} should be in the help`).toContainEqual({ keys: keysLabel(s), description: t(s.description) });
    expect(rows).toHaveLength(SHORTCUTS.length);
  });

  it("no two shortcuts of one place share a key", () => {
    const seen = new Set<string>();
    for (const s of SHORTCUTS) for (const c of s.combos) {
      const id = `${s.scope}:${c.mod}+${c.key.toLowerCase()}`;
      expect(seen.has(id), `${id} is used twice`).toBe(false);
      seen.add(id);
    }
  });

  it("ignores presses with the wrong modifier, Cmd counts as Ctrl, upper case too", () => {
    expect(actionFor("app", { key: "f", ctrlKey: false, metaKey: false, altKey: false })).toBeNull();
    expect(actionFor("app", { key: "f", ctrlKey: true, metaKey: false, altKey: true })).toBeNull();
    expect(actionFor("app", { key: "F", ctrlKey: false, metaKey: true, altKey: false })).toBe("search");
    expect(actionFor("exercise", { key: "ArrowLeft", ctrlKey: false, metaKey: false, altKey: true })).toBe("previous-step");
  });
});
