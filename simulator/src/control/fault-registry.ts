import { pickFault, validateFaultInput, type FaultInputResult, type FaultPlan, type FaultTarget } from './fault-plan';
import { seededRandom, type Random } from './seeded-random';

/** Active fault plans plus the seeded PRNG that decides probabilistic ones. */
export class FaultRegistry {
  private plans: FaultPlan[] = [];
  private rng: Random;
  private nextId = 1;

  /** @param seed PRNG seed; the same seed and request sequence fire the same faults. */
  constructor(private readonly seed = 1) {
    this.rng = seededRandom(seed);
  }

  add(input: unknown, now: number): FaultInputResult {
    const result = validateFaultInput(input, `fault-${this.nextId}`, now);
    if (result.ok) {
      this.nextId++;
      this.plans.push(result.plan);
    }
    return result;
  }

  list(): FaultPlan[] {
    return this.plans.map((p) => ({ ...p }));
  }

  remove(id: string): boolean {
    const before = this.plans.length;
    this.plans = this.plans.filter((p) => p.id !== id);
    return this.plans.length < before;
  }

  /** Removes every plan and restarts the PRNG from the seed. */
  clear(): void {
    this.plans = [];
    this.rng = seededRandom(this.seed);
    this.nextId = 1;
  }

  pick(target: FaultTarget, now: number): FaultPlan | undefined {
    return this.plans.length === 0 ? undefined : pickFault(this.plans, target, now, this.rng);
  }
}
