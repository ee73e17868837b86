// Auto-lock: calls `onIdle` after `minutes` without keyboard, pointer or wheel input.

export class IdleTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly reset = () => this.arm();

  constructor(
    private minutes: number,
    private readonly onIdle: () => void,
    private readonly target: Pick<EventTarget, "addEventListener" | "removeEventListener"> = window,
  ) {}

  start(): void {
    for (const type of ["keydown", "pointerdown", "pointermove", "wheel"]) {
      this.target.addEventListener(type, this.reset, { passive: true } as AddEventListenerOptions);
    }
    this.arm();
  }

  setMinutes(minutes: number): void {
    this.minutes = minutes;
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const type of ["keydown", "pointerdown", "pointermove", "wheel"]) {
      this.target.removeEventListener(type, this.reset);
    }
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.minutes > 0) this.timer = setTimeout(this.onIdle, this.minutes * 60_000);
  }
}
