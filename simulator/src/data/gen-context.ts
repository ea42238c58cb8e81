import type { SimStore } from '../store/store';
import { Rng } from './prng';
import type { EntityCounts } from './sizes';

const DAY = 86_400_000;
export { DAY };

/** Shared state of one generation run. Every kind draws from its own derived stream. */
export class GenContext {
  /** Generated history ends here (epoch ms); nothing is created or updated after it. */
  readonly anchor: number;
  /** The firm's account was created here: 8 years before the anchor. */
  readonly founded: number;
  /** Documents and folders share one id sequence, as both are Clio "Items" (see /folders/list). */
  nextItemId = 1;

  constructor(
    readonly store: SimStore,
    readonly seed: number,
    readonly counts: EntityCounts,
    anchor: number,
  ) {
    this.anchor = anchor - (anchor % 1000);
    this.founded = this.anchor - 8 * 365 * DAY;
  }

  rng(label: string): Rng {
    return Rng.derive(this.seed, label);
  }

  /** Creation time of the i-th of n records: increasing with i (ids follow creation order), spread over [from, anchor). */
  createdAt(rng: Rng, i: number, n: number, from = this.founded): number {
    const span = this.anchor - 60_000 - from;
    return sec(from + Math.floor((span * (i + rng.next())) / Math.max(1, n)));
  }

  /** Last update: 40% untouched since creation, else some time between creation and the anchor. */
  updatedAt(rng: Rng, createdAt: number): number {
    if (rng.bool(0.4)) return createdAt;
    return sec(createdAt + Math.floor(rng.next() * (this.anchor - createdAt)));
  }
}

export const sec = (ms: number): number => ms - (ms % 1000);
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
