import type { Clock } from '../clock';
import { pickWeighted, seededRandom, type Random } from '../control/seeded-random';
import { createContactFolder, createMatterFolder } from '../api/documents/document-ops';
import { accountRootFolderId } from '../api/specs/folder-tree';
import type { ContactRecord, MatterRecord, RecordOf } from '../store/records';
import { Resource } from '../store/resources';
import type { SimStore } from '../store/store';
import { mergeMix, type ActivityMix, type OpWeights, type ResolvedActivityOptions } from './activity-options';
import { RECIPES, type ActivityResource, type Recipe, type RecipeEnv } from './recipes';

export type OpKind = keyof OpWeights;

/** One change the generator made through the store (so webhooks fire and etags move). */
export interface ActivityOp {
  resource: ActivityResource;
  kind: OpKind;
  id: number;
  /** epoch ms, simulator clock */
  at: number;
}

export interface ActivityStatus {
  running: boolean;
  opsPerMinute: number;
  /** Operations performed since the last reset. */
  total: number;
  byKind: Record<OpKind, number>;
}

const KINDS: readonly OpKind[] = ['create', 'update', 'delete'];
const MAX_TRIES = 12;

/**
 * Creates, updates and deletes records at a steady rate of simulator-clock time. `step(n)` performs n operations
 * at once for deterministic tests; `start()` catches up with the clock on a real-time tick, so a manual clock
 * advanced by one minute yields `opsPerMinute` operations at the next tick.
 */
export class ActivityGenerator {
  private rng: Random;
  private opts: ResolvedActivityOptions;
  private timer?: NodeJS.Timeout;
  private startedAt = 0;
  private doneSinceStart = 0;
  private total = 0;
  private byKind: Record<OpKind, number> = { create: 0, update: 0, delete: 0 };

  constructor(
    private readonly store: SimStore,
    private readonly clock: Clock,
    private readonly initial: ResolvedActivityOptions,
  ) {
    this.opts = initial;
    this.rng = seededRandom(initial.seed);
  }

  /** Performs `n` operations now and returns them. */
  step(n = 1): ActivityOp[] {
    const ops: ActivityOp[] = [];
    for (let i = 0; i < n; i++) {
      const op = this.one();
      if (!op) break;
      ops.push(op);
    }
    return ops;
  }

  start(change: { opsPerMinute?: number; mix?: ActivityMix } = {}): ActivityStatus {
    this.opts = {
      ...this.opts,
      opsPerMinute: change.opsPerMinute ?? this.opts.opsPerMinute,
      mix: mergeMix(this.opts.mix, change.mix),
    };
    this.startedAt = this.clock.now();
    this.doneSinceStart = 0;
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.opts.tickMs);
      this.timer.unref();
    }
    return this.status();
  }

  stop(): ActivityStatus {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return this.status();
  }

  /** Runs the operations that became due on the clock since `start()`. Returns how many ran. */
  tick(): number {
    if (!this.timer) return 0;
    const due =
      Math.floor(((this.clock.now() - this.startedAt) * this.opts.opsPerMinute) / 60_000) - this.doneSinceStart;
    const n = Math.min(Math.max(0, due), this.opts.maxOpsPerTick);
    this.doneSinceStart += n;
    return this.step(n).length;
  }

  status(): ActivityStatus {
    return {
      running: !!this.timer,
      opsPerMinute: this.opts.opsPerMinute,
      total: this.total,
      byKind: { ...this.byKind },
    };
  }

  /** Stops and restores the configured options, counters and PRNG. */
  reset(): void {
    this.stop();
    this.opts = this.initial;
    this.rng = seededRandom(this.initial.seed);
    this.total = 0;
    this.byKind = { create: 0, update: 0, delete: 0 };
  }

  private one(): ActivityOp | undefined {
    const choices: { resource: ActivityResource; kind: OpKind }[] = [];
    const weights: number[] = [];
    for (const [resource, w] of Object.entries(this.opts.mix) as [ActivityResource, OpWeights][]) {
      for (const kind of KINDS) {
        if (kind === 'create' && !RECIPES[resource].create) continue;
        choices.push({ resource, kind });
        weights.push(w[kind]);
      }
    }
    if (!weights.some((w) => w > 0)) return undefined;
    for (let i = 0; i < MAX_TRIES; i++) {
      const c = choices[pickWeighted(this.rng, weights)];
      const id = this.apply(c.resource, c.kind);
      if (id !== undefined) {
        this.total++;
        this.byKind[c.kind]++;
        return { ...c, id, at: this.clock.now() };
      }
    }
    return undefined;
  }

  /** Performs one operation; undefined when it is not possible (nothing to update or delete). */
  private apply<R extends ActivityResource>(resource: R, kind: OpKind): number | undefined {
    const recipe: Recipe<R> = RECIPES[resource];
    const env: RecipeEnv = { rng: this.rng, store: this.store, now: this.clock.now() };
    if (kind === 'create') {
      const data = recipe.create?.(env);
      if (!data) return undefined;
      const created = this.store.create(resource, data);
      ownFolderFor(this.store, resource, created);
      return created.id;
    }
    const target = this.randomLive(resource);
    if (!target) return undefined;
    if (kind === 'update')
      return this.store.update(resource, target.id, recipe.update(env, target)).ok ? target.id : undefined;
    if (recipe.deletable && !recipe.deletable(env, target)) return undefined;
    return this.store.delete(resource, target.id).ok ? target.id : undefined;
  }

  /** A random live (not trashed) record: probe a random id, take the next live one, wrap around once. */
  private randomLive<R extends ActivityResource>(resource: R): RecordOf<R> | undefined {
    const table = this.store.table(resource);
    if (table.size === 0) return undefined;
    for (let i = 0; i < 4; i++) {
      const from = Math.floor(this.rng() * table.maxId);
      const rec = table.ascending(from).next().value ?? table.ascending(0).next().value;
      if (rec && !isTrashed(rec)) return rec;
    }
    return undefined;
  }
}

/** Clio gives every new matter and contact its own folder, as the API's create does here. */
const ownFolderFor = (store: SimStore, resource: ActivityResource, rec: { id: number }): void => {
  const root = accountRootFolderId(store);
  if (resource === Resource.Matters) createMatterFolder(store, rec.id, (rec as MatterRecord).description, root);
  else if (resource === Resource.Contacts) createContactFolder(store, rec.id, (rec as ContactRecord).name, root);
};

const isTrashed = (rec: object): boolean => 'deleted_at' in rec && (rec as { deleted_at: unknown }).deleted_at !== null;
