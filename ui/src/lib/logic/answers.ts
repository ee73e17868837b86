// Answers as the runner keeps them and as an entry shows them. An answer is absent when a step
// was skipped; these helpers never invent one. Pure functions, tested in answers.test.ts.
import { t, type MessageKey } from "../i18n/index.svelte";
import type { Answer, Answers, BodyArea, Dimension, Mark, Step } from "../ipc";

/** The check-in's dimensions; `label` is a catalogue key (show it with `t`). */
export const DIMENSIONS: { id: Dimension; label: MessageKey; alarm: boolean }[] = [
  { id: "calm", label: "answers.dim.calm", alarm: false },
  { id: "relaxed", label: "answers.dim.relaxed", alarm: false },
  { id: "safe", label: "answers.dim.safe", alarm: false },
  { id: "anxious", label: "answers.dim.anxious", alarm: true },
  { id: "tense", label: "answers.dim.tense", alarm: true },
  { id: "obsessive", label: "answers.dim.obsessive", alarm: true },
];

/** Keys of the words for 0–4, the same on every check-in dimension (as the core's CHECKIN_LABELS). */
export const CHECKIN_LABELS: MessageKey[] = ["answers.level.0", "answers.level.1", "answers.level.2", "answers.level.3", "answers.level.4"];

/** A checklist's marks; `label` is a catalogue key. */
export const MARKS: { id: Mark; label: MessageKey }[] = [
  { id: "yes", label: "answers.mark.yes" },
  { id: "sometimes", label: "answers.mark.sometimes" },
  { id: "no", label: "answers.mark.no" },
];

export const BODY_AREAS: BodyArea[] = ["head", "jaw", "throat", "chest", "stomach", "shoulders", "back", "hands", "legs"];

/** A body area in words ("chest", "peito", "pecho"). */
export function bodyAreaName(area: BodyArea): string {
  return t(`answers.body.${area}` as MessageKey);
}

/**
 * The answer with nothing empty left in it, or `null` when nothing was given: blank text, no
 * choices, an empty checklist or check-in count as skipped.
 */
export function cleaned(answer: Answer | undefined): Answer | null {
  if (!answer) return null;
  if ("text" in answer) return answer.text.trim() ? answer : null;
  if ("person" in answer) return answer.person.trim() ? { person: answer.person.trim() } : null;
  if ("multiple" in answer) return answer.multiple.length ? answer : null;
  if ("checklist" in answer) return Object.keys(answer.checklist).length ? answer : null;
  if ("checkin" in answer) {
    const c = answer.checkin;
    const any = DIMENSIONS.some((d) => typeof c[d.id] === "number") || c.body.length > 0;
    return any ? answer : null;
  }
  if ("commitment" in answer) return answer.commitment.intention.trim() ? answer : null;
  return answer;
}

/** Only the steps that were answered, ready to save. */
export function cleanAnswers(answers: Answers): Answers {
  const out: Answers = {};
  for (const [id, answer] of Object.entries(answers)) {
    const kept = cleaned(answer);
    if (kept) out[id] = kept;
  }
  return out;
}

export function isAnswered(answers: Answers, step: Step): boolean {
  return cleaned(answers[step.id]) !== null;
}

/** One line per answer, for showing a saved exercise: the prompt's answer in words. */
export function describe(step: Step | undefined, answer: Answer): string[] {
  if ("text" in answer) return [answer.text];
  if ("person" in answer) return [answer.person];
  if ("single" in answer) return [label(step?.options, answer.single)];
  if ("multiple" in answer) return answer.multiple.map((id) => label(step?.options, id));
  if ("scale" in answer) {
    const words = step?.labels?.[answer.scale - (step.min ?? 0)];
    const range = step && step.min !== undefined && step.max !== undefined ? ` (${step.min}–${step.max})` : "";
    return [words ? `${words}: ${answer.scale}${range}` : `${answer.scale}${range}`];
  }
  if ("checklist" in answer) {
    return checklistRows(step, answer.checklist).map((r) => `${r.label} ${r.mark}`);
  }
  if ("checkin" in answer) {
    const c = answer.checkin;
    const lines = DIMENSIONS.filter((d) => typeof c[d.id] === "number").map(
      (d) => {
        const level = CHECKIN_LABELS[c[d.id] as number];
        return t("answers.labelled", { label: t(d.label), words: level ? t(level) : String(c[d.id]) });
      },
    );
    if (c.body.length) lines.push(t("answers.feltIn", { areas: c.body.map(bodyAreaName).join(", ") }));
    return lines;
  }
  if ("commitment" in answer) return [answer.commitment.intention];
  return [];
}

/** A checklist's marks in the pack's item order (items the pack no longer has last, by id). */
export function checklistRows(step: Step | undefined, marks: Record<string, Mark>): { label: string; mark: string }[] {
  const order = (step?.items ?? []).map((i) => i.id);
  const ids = Object.keys(marks).sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  return ids.map((id) => ({ label: label(step?.items, id), mark: markLabel(marks[id] as Mark) }));
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}

function markLabel(mark: Mark): string {
  const key = MARKS.find((m) => m.id === mark)?.label;
  return key ? t(key).toLocaleLowerCase() : mark;
}

function label(choices: { id: string; label: string }[] | undefined, id: string): string {
  return choices?.find((c) => c.id === id)?.label ?? id;
}
