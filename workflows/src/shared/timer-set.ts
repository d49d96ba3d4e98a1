// Durable timers a signal or an update can move (STYLE.md: "a deadline a signal can move is an updatable timer").
// A case keeps the list of instants it waits for; whoever recomputes a deadline replaces the list, and the main loop,
// waiting on `changed(seen)` or the next instant, wakes by itself — no handler has to remember to wake it.
// Deterministic: instants are plain numbers from the workflow's inputs and activities; nothing here reads a clock.

export interface Timed {
  /** Unique per firing: a timer whose key already fired never fires again (even if it comes back in a new list). */
  key: string;
  /** Epoch milliseconds. */
  at: number;
}

export class TimerSet<T extends Timed> {
  private timers: T[] = [];
  private readonly fired = new Set<string>();
  private version = 0;

  /** Replaces every timer (the result of a recomputation); the main loop re-arms on its next turn. */
  replace(timers: readonly T[]): void {
    this.timers = [...timers].sort((a, b) => a.at - b.at);
    this.version++;
  }

  /** A marker for `changed`: take it before waiting. */
  get mark(): number {
    return this.version;
  }

  changed(mark: number): boolean {
    return this.version !== mark;
  }

  /** The earliest timer that has not fired yet. */
  next(): T | undefined {
    return this.timers.find((t) => !this.fired.has(t.key));
  }

  /** The earliest timer due at `now` that has not fired; it is marked fired. */
  takeDue(now: number): T | undefined {
    const t = this.timers.find((x) => x.at <= now && !this.fired.has(x.key));
    if (t) this.fired.add(t.key);
    return t;
  }
}
