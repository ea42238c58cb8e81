/**
 * Time source of the simulator. Everything that stamps or compares time (store timestamps, trash purge,
 * signed download URL expiry, and SIM-EDGE's token expiry, rate-limit windows, webhook retries) reads
 * `clock.now()`, so tests can drive time with a {@link ManualClock}.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** Wall-clock time. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that moves only when told to: `set(ms)` or `advance(ms)`. */
export class ManualClock implements Clock {
  private current: number;

  /** @param start epoch ms; default 2025-01-01T00:00:00Z */
  constructor(start: number = Date.UTC(2025, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Jump to an absolute time (epoch ms). Moving backwards is allowed. */
  set(ms: number): void {
    this.current = ms;
  }

  /** Move forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }
}

/** True when the clock can be set/advanced (the control API uses this to refuse clock control on a system clock). */
export const isManualClock = (clock: Clock): clock is ManualClock => clock instanceof ManualClock;
