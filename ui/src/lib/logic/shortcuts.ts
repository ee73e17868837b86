// Attune's keyboard shortcuts, listed once. The handlers (the shell's, the exercise runner's)
// find the action for a key press here, and the help in Settings and the buttons' tooltips are
// written from the same list, so a shortcut cannot work without being shown or be shown
// without working.
import { t, type MessageKey } from "../i18n/index.svelte";

/** Where a shortcut works: anywhere in the unlocked app, or while answering an exercise step. */
export type ShortcutScope = "app" | "exercise";

/** What the shell does for a shortcut. */
export const APP_ACTIONS = ["lock", "new-entry", "search", "today", "exercises", "journal", "calendar", "settings"] as const;
export type AppAction = (typeof APP_ACTIONS)[number];

/** What the exercise runner does for a shortcut. */
export const EXERCISE_ACTIONS = ["next-step", "previous-step"] as const;
export type ExerciseAction = (typeof EXERCISE_ACTIONS)[number];

type ActionOf<S extends ShortcutScope> = S extends "app" ? AppAction : ExerciseAction;

/** A key with its modifier: `ctrl` is Ctrl, or ⌘ on a Mac. `key` is `KeyboardEvent.key`. */
export type Combo = { mod: "ctrl" | "alt"; key: string };

export type Shortcut<S extends ShortcutScope = ShortcutScope> = {
  scope: S;
  action: ActionOf<S>;
  /** The first combo is the one the help shows first; all of them work. */
  combos: Combo[];
  /** What the shortcut does, for the help (a catalogue key). */
  description: MessageKey;
};

const ctrl = (key: string): Combo => ({ mod: "ctrl", key });
const alt = (key: string): Combo => ({ mod: "alt", key });

export const APP_SHORTCUTS: Shortcut<"app">[] = [
  { scope: "app", action: "new-entry", combos: [ctrl("n")], description: "shortcuts.newEntry" },
  { scope: "app", action: "today", combos: [ctrl("t")], description: "shortcuts.today" },
  { scope: "app", action: "journal", combos: [ctrl("j")], description: "shortcuts.journal" },
  { scope: "app", action: "exercises", combos: [ctrl("e")], description: "shortcuts.exercises" },
  { scope: "app", action: "search", combos: [ctrl("f"), ctrl("k")], description: "shortcuts.search" },
  { scope: "app", action: "calendar", combos: [ctrl("d")], description: "shortcuts.calendar" },
  { scope: "app", action: "settings", combos: [ctrl(",")], description: "shortcuts.settings" },
  { scope: "app", action: "lock", combos: [ctrl("l")], description: "shortcuts.lock" },
];

export const EXERCISE_SHORTCUTS: Shortcut<"exercise">[] = [
  { scope: "exercise", action: "next-step", combos: [ctrl("Enter"), alt("ArrowRight")], description: "shortcuts.nextStep" },
  { scope: "exercise", action: "previous-step", combos: [alt("ArrowLeft")], description: "shortcuts.previousStep" },
];

export const SHORTCUTS: Shortcut[] = [...APP_SHORTCUTS, ...EXERCISE_SHORTCUTS];

type KeyPress = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">;

function matches(combo: Combo, event: KeyPress): boolean {
  const ctrlDown = event.ctrlKey || event.metaKey;
  const modOk = combo.mod === "ctrl" ? ctrlDown && !event.altKey : event.altKey && !ctrlDown;
  return modOk && event.key.toLowerCase() === combo.key.toLowerCase();
}

/** The action a key press asks for in `scope`, if any. */
export function actionFor<S extends ShortcutScope>(scope: S, event: KeyPress): ActionOf<S> | null {
  const list = (scope === "app" ? APP_SHORTCUTS : EXERCISE_SHORTCUTS) as Shortcut<S>[];
  return list.find((s) => s.combos.some((c) => matches(c, event)))?.action ?? null;
}

const keyNames: Record<string, string> = { enter: "Enter", arrowright: "→", arrowleft: "←" };

/** A combo as the help writes it, e.g. "Ctrl+F" or "Alt+→". */
export function comboLabel(combo: Combo): string {
  const key = keyNames[combo.key.toLowerCase()] ?? combo.key.toUpperCase();
  return `${combo.mod === "ctrl" ? "Ctrl" : "Alt"}+${key}`;
}

/** Every combo of a shortcut, as the help writes them: "Ctrl+F or Ctrl+K". */
export function keysLabel(shortcut: Shortcut): string {
  return shortcut.combos.map(comboLabel).reduce((first, second) => t("shortcuts.or", { first, second }));
}

/** The first combo of the app shortcut for `action`, for a tooltip: "Ctrl+T". */
export function keyFor(action: AppAction): string | null {
  const s = APP_SHORTCUTS.find((x) => x.action === action);
  return s?.combos[0] ? comboLabel(s.combos[0]) : null;
}

/** The help: each scope with its shortcuts, as rows of keys and what they do. */
export function shortcutHelp(): { title: string; rows: { keys: string; description: string }[] }[] {
  const rows = (list: Shortcut[]) => list.map((s) => ({ keys: keysLabel(s), description: t(s.description) }));
  return [
    { title: t("shortcuts.anywhere"), rows: rows(APP_SHORTCUTS) },
    { title: t("shortcuts.inExercise"), rows: rows(EXERCISE_SHORTCUTS) },
  ];
}
