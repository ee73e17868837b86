import { describe as group, expect, it } from "vitest";
import type { Step } from "../ipc";
import { cleanAnswers, describe, isAnswered } from "./answers";

const scale: Step = { id: "rested", kind: "scale", prompt: "Rested?", min: 0, max: 4, labels: ["no", "a little", "some", "quite", "very"] };
const checklist: Step = {
  id: "time",
  kind: "checklist",
  prompt: "Time",
  items: [
    { id: "say-no", label: "I can say no to plans" },
    { id: "rest", label: "I keep time to rest" },
  ],
};

group("answers", () => {
  it("leaves out what was left blank, and keeps what was given", () => {
    const kept = cleanAnswers({
      a: { text: "  " },
      b: { text: "the rain" },
      c: { multiple: [] },
      d: { checkin: { body: [] } },
      e: { checkin: { calm: 0, body: [] } },
      f: { commitment: { intention: "", review_after_days: 7, reviews: [] } },
      g: { person: "  Sam " },
      h: { checklist: {} },
      i: { scale: 0 },
    });
    expect(kept).toEqual({ b: { text: "the rain" }, e: { checkin: { calm: 0, body: [] } }, g: { person: "Sam" }, i: { scale: 0 } });
  });

  it("knows a step is answered only when something was given", () => {
    expect(isAnswered({ rested: { scale: 0 } }, scale)).toBe(true);
    expect(isAnswered({ time: { checklist: {} } }, checklist)).toBe(false);
    expect(isAnswered({}, scale)).toBe(false);
  });

  it("describes answers in the pack's words, and in ids when the pack changed", () => {
    expect(describe(scale, { scale: 3 })).toEqual(["quite: 3 (0–4)"]);
    expect(describe(checklist, { checklist: { rest: "no", "say-no": "sometimes", gone: "yes" } })).toEqual([
      "I can say no to plans sometimes",
      "I keep time to rest no",
      "gone yes",
    ]);
    expect(describe(undefined, { checkin: { calm: 1, tense: 4, body: ["chest", "jaw"] } })).toEqual([
      "Calm: a little",
      "Tense: very",
      "Felt in: chest, jaw",
    ]);
  });
});
