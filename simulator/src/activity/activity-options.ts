import { ActivityResource } from './recipes';

export interface OpWeights {
  create: number;
  update: number;
  delete: number;
}
export type ActivityMix = Partial<Record<ActivityResource, Partial<OpWeights>>>;

/** Relative frequency of each operation; time entries and tasks churn most, as in a working firm. */
export const DEFAULT_MIX: Record<ActivityResource, OpWeights> = {
  matters: { create: 1, update: 3, delete: 0.2 },
  contacts: { create: 1, update: 2, delete: 0.2 },
  tasks: { create: 2, update: 3, delete: 0.5 },
  activities: { create: 4, update: 2, delete: 0.5 },
  calendar_entries: { create: 1, update: 1, delete: 0.3 },
  documents: { create: 0, update: 1, delete: 0.3 },
  notes: { create: 1, update: 1, delete: 0.2 },
  relationships: { create: 0.5, update: 0.3, delete: 0.2 },
};

export interface ActivityOptions {
  /** Operations per minute of simulator-clock time while running. Default 30. */
  opsPerMinute?: number;
  /** Weights per resource and operation, merged over {@link DEFAULT_MIX}; a weight of 0 disables that operation. */
  mix?: ActivityMix;
  /** PRNG seed; the same seed and store give the same operations. Default 1. */
  seed?: number;
  /** Start generating as soon as the simulator starts. Default false. */
  autoStart?: boolean;
  /** Real-time period at which a running generator catches up with the clock, ms. Default 250. */
  tickMs?: number;
  /** Most operations one tick performs, so a big clock jump does not stall the server. Default 5,000. */
  maxOpsPerTick?: number;
}

export interface ResolvedActivityOptions {
  opsPerMinute: number;
  mix: Record<ActivityResource, OpWeights>;
  seed: number;
  autoStart: boolean;
  tickMs: number;
  maxOpsPerTick: number;
}

export const resolveActivityOptions = (o: ActivityOptions = {}): ResolvedActivityOptions => ({
  opsPerMinute: o.opsPerMinute ?? 30,
  mix: mergeMix(DEFAULT_MIX, o.mix),
  seed: o.seed ?? 1,
  autoStart: o.autoStart ?? false,
  tickMs: o.tickMs ?? 250,
  maxOpsPerTick: o.maxOpsPerTick ?? 5000,
});

export const mergeMix = (
  base: Record<ActivityResource, OpWeights>,
  over: ActivityMix = {},
): Record<ActivityResource, OpWeights> =>
  Object.fromEntries(Object.entries(base).map(([r, w]) => [r, { ...w, ...over[r as ActivityResource] }])) as Record<
    ActivityResource,
    OpWeights
  >;

const RESOURCES: readonly string[] = Object.values(ActivityResource);
const OPS: readonly string[] = ['create', 'update', 'delete'] satisfies (keyof OpWeights)[];
const isResource = (s: string): s is ActivityResource => RESOURCES.includes(s);
const isOp = (s: string): s is keyof OpWeights => OPS.includes(s);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An {@link ActivityMix} from untrusted JSON (the control API): known resources and operations, weights ≥ 0. */
export const parseActivityMix = (v: unknown): { ok: true; mix?: ActivityMix } | { ok: false; message: string } => {
  if (v === undefined) return { ok: true };
  const problem = `mix must map ${RESOURCES.join('/')} to {create, update, delete} weights ≥ 0`;
  if (!isObject(v)) return { ok: false, message: problem };
  const mix: ActivityMix = {};
  for (const [resource, weights] of Object.entries(v)) {
    if (!isResource(resource) || !isObject(weights)) return { ok: false, message: problem };
    const parsed: Partial<OpWeights> = {};
    for (const [op, w] of Object.entries(weights)) {
      if (!isOp(op) || typeof w !== 'number' || !Number.isFinite(w) || w < 0) return { ok: false, message: problem };
      parsed[op] = w;
    }
    mix[resource] = parsed;
  }
  return { ok: true, mix };
};
