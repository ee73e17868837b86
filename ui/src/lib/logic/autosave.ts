// Saving while the person types. Changes are saved after a short pause, one save at a time; a
// change made during a save is saved right after it. `flush()` saves now (before switching
// entries, locking or closing). A failed save keeps the text and is retried on the next change
// or flush, so nothing typed is dropped.

export type SaveState = "saved" | "pending" | "saving" | "error";

export class Autosaver<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: T | null = null;
  private inFlight: Promise<void> | null = null;
  state: SaveState = "saved";
  lastError: unknown = null;

  constructor(
    private readonly save: (value: T) => Promise<void>,
    private readonly onState: (state: SaveState) => void = () => {},
    private readonly delayMs = 600,
  ) {}

  /** Records the latest content and saves it after the pause. */
  change(value: T): void {
    this.latest = value;
    this.set("pending");
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves whatever is pending now, and resolves when everything is saved (or failed). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.inFlight) await this.inFlight;
    if (this.latest === null) return;
    const value = this.latest;
    this.latest = null;
    this.set("saving");
    this.inFlight = this.save(value)
      .then(() => {
        this.lastError = null;
        this.set(this.latest === null ? "saved" : "pending");
      })
      .catch((e: unknown) => {
        // Keep the unsaved text: a newer change wins, otherwise retry this one.
        if (this.latest === null) this.latest = value;
        this.lastError = e;
        this.set("error");
      })
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
    if (this.latest !== null && this.state !== "error") await this.flush();
  }

  get dirty(): boolean {
    return this.latest !== null || this.inFlight !== null;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private set(state: SaveState) {
    this.state = state;
    this.onState(state);
  }
}
