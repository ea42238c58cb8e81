import { seededRandom, type Random } from '../control/seeded-random';

/**
 * What the network between Clio and a receiver may do to deliveries, set through the control API
 * (`PUT /_control/webhooks/chaos`). Shares are probabilities in [0, 1], decided per delivery by a seeded PRNG so a
 * run repeats. Clio documents neither ordering nor duplicates, so a receiver must survive all of these.
 */
export interface ChaosSettings {
  /** Share of deliveries lost for good: never sent, never retried (a missed webhook). */
  dropShare: number;
  /** Share of deliveries held back by `delayMs` without holding later ones back: they arrive out of order. */
  delayShare: number;
  /** How long a delayed delivery waits, simulator-clock ms. */
  delayMs: number;
  /** Share of deliveries sent twice (the copy after `delayMs`, so it may also arrive after a newer one). */
  duplicateShare: number;
}

export const NO_CHAOS: ChaosSettings = { dropShare: 0, delayShare: 0, delayMs: 0, duplicateShare: 0 };

/** What to do with one new delivery. */
export interface ChaosPlan {
  drop: boolean;
  /** Extra wait, ms (0: in order). */
  delayMs: number;
  /** Also enqueue a copy that waits this long (undefined: no copy). */
  duplicateAfterMs?: number;
}

const SHARES = ['dropShare', 'delayShare', 'duplicateShare'] as const;

export type ChaosInput = { ok: true; settings: ChaosSettings } | { ok: false; message: string };

/** Validates a partial update over `current`; every field optional, shares in [0, 1], delay a whole ms ≥ 0. */
export const parseChaos = (body: Record<string, unknown>, current: ChaosSettings): ChaosInput => {
  const next: ChaosSettings = { ...current };
  for (const key of SHARES) {
    const v = body[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      return { ok: false, message: `${key} must be a number in [0, 1]` };
    next[key] = v;
  }
  const d = body.delayMs;
  if (d !== undefined) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)
      return { ok: false, message: 'delayMs must be a whole number of ms ≥ 0' };
    next.delayMs = d;
  }
  return { ok: true, settings: next };
};

/** The chaos settings and their PRNG; counts what it did so tests can tell dropped from lost. */
export class DeliveryChaos {
  private settings: ChaosSettings = NO_CHAOS;
  private rng: Random;
  readonly counts = { dropped: 0, delayed: 0, duplicated: 0 };

  constructor(private readonly seed = 1) {
    this.rng = seededRandom(seed);
  }

  get current(): ChaosSettings {
    return { ...this.settings };
  }

  set(settings: ChaosSettings): void {
    this.settings = { ...settings };
  }

  plan(): ChaosPlan {
    const s = this.settings;
    if (s.dropShare > 0 && this.rng() < s.dropShare) {
      this.counts.dropped++;
      return { drop: true, delayMs: 0 };
    }
    const delayed = s.delayShare > 0 && this.rng() < s.delayShare;
    const duplicated = s.duplicateShare > 0 && this.rng() < s.duplicateShare;
    if (delayed) this.counts.delayed++;
    if (duplicated) this.counts.duplicated++;
    return {
      drop: false,
      delayMs: delayed ? s.delayMs : 0,
      ...(duplicated && { duplicateAfterMs: s.delayMs }),
    };
  }

  reset(): void {
    this.settings = NO_CHAOS;
    this.rng = seededRandom(this.seed);
    this.counts.dropped = this.counts.delayed = this.counts.duplicated = 0;
  }
}
