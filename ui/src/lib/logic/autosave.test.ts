import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosaver } from "./autosave";

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once after a pause in typing, with the latest text", async () => {
    const saved: string[] = [];
    const saver = new Autosaver<string>(async (v) => void saved.push(v), undefined, 500);
    saver.change("h");
    saver.change("he");
    saver.change("hello");
    await vi.advanceTimersByTimeAsync(499);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(["hello"]);
    expect(saver.state).toBe("saved");
  });

  it("flush saves at once and a change during a save is saved after it", async () => {
    const saved: string[] = [];
    let release: () => void = () => {};
    const saver = new Autosaver<string>((v) => {
      saved.push(v);
      return saved.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    });
    const first = saver.flush();
    saver.change("one");
    const flushing = saver.flush();
    saver.change("two");
    release();
    await flushing;
    await first;
    await saver.flush();
    expect(saved).toEqual(["one", "two"]);
    expect(saver.dirty).toBe(false);
  });

  it("keeps the text after a failed save and retries it", async () => {
    let fail = true;
    const saved: string[] = [];
    const saver = new Autosaver<string>(async (v) => {
      if (fail) throw new Error("disk full");
      saved.push(v);
    });
    saver.change("precious words");
    await saver.flush();
    expect(saver.state).toBe("error");
    expect(saver.dirty).toBe(true);
    fail = false;
    await saver.flush();
    expect(saved).toEqual(["precious words"]);
    expect(saver.state).toBe("saved");
  });
});
