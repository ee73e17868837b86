import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdleTimer } from "./idle";

describe("IdleTimer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("fires after the idle time and input postpones it", () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const timer = new IdleTimer(2, onIdle, target);
    timer.start();
    vi.advanceTimersByTime(90_000);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(90_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    timer.stop();
  });

  it("zero minutes turns it off", () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(0, onIdle, new EventTarget());
    timer.start();
    vi.advanceTimersByTime(10 * 60 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
