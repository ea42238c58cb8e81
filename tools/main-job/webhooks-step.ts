// The main job's last step: the firm's webhooks are registered and healthy, people change records in Clio for a few
// seconds, and the mirror follows through webhooks alone (no sync requested), each delivery applied once.
import { sql, type Kysely } from 'kysely';
import type { FirmWebhookHealth } from '@sf/sync-webhooks';
import type { PlatformDb } from '../migration-sets';
import { waitWebhooksApplied, waitWebhooksHealthy, type WebhookDeliveries } from '../outages/webhook-checks';
import type { SimulatorControl } from './simulator';
import { checkMirror, type GroundTruth, type MirrorCheck } from './summary';

/** Models without a Clio webhook (notes, relationships) stay still, so webhooks alone can make the mirror exact. */
const WEBHOOK_MODELS_ONLY = {
  notes: { create: 0, update: 0, delete: 0 },
  relationships: { create: 0, update: 0, delete: 0 },
};

export interface WebhooksRun {
  health: FirmWebhookHealth;
  changes: number;
  deliveries: WebhookDeliveries;
  /** From the last change to the whole mirror equal to Clio, seconds; null when it never was. */
  secondsToExact: number | null;
  checks: MirrorCheck[];
  /** Sync jobs requested for the firm while the changes were made and mirrored (expected 0). */
  syncsDuringRun: number;
}

const syncJobs = async (db: Kysely<PlatformDb>, firmId: string): Promise<number> =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from sync_jobs where firm_id = ${firmId}`.execute(db)).rows[0]!.n,
  );

export const proveWebhooks = async (o: {
  db: Kysely<PlatformDb>;
  firmId: string;
  control: SimulatorControl;
  seconds: number;
  opsPerMinute: number;
}): Promise<WebhooksRun> => {
  const { db, firmId, control } = o;
  const health = await waitWebhooksHealthy(db, firmId, 120_000);
  const jobsBefore = await syncJobs(db, firmId);
  const before = await control<{ total: number }>('GET', '/activity');
  await control('POST', '/activity/start', { opsPerMinute: o.opsPerMinute, mix: WEBHOOK_MODELS_ONLY });
  await new Promise((r) => setTimeout(r, o.seconds * 1000));
  const after = await control<{ total: number }>('POST', '/activity/stop');
  const stopped = Date.now();
  const truth = await control<GroundTruth>('GET', '/ground-truth');
  let checks = await checkMirror(db, firmId, truth);
  for (const deadline = stopped + 60_000; !checks.every((c) => c.exact) && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 250));
    checks = await checkMirror(db, firmId, truth);
  }
  const exact = checks.every((c) => c.exact);
  const secondsToExact = exact ? (Date.now() - stopped) / 1000 : null;
  const deliveries = await waitWebhooksApplied(db, firmId, 60_000);
  return {
    health: await waitWebhooksHealthy(db, firmId, 10_000).catch(() => health),
    changes: after.total - before.total,
    deliveries,
    secondsToExact,
    checks,
    syncsDuringRun: (await syncJobs(db, firmId)) - jobsBefore,
  };
};

export const renderWebhooksRun = (r: WebhooksRun): string[] => {
  const models = Object.values(r.health.models);
  const active = models.filter((m) => m === 'active').length;
  const d = r.deliveries;
  return [
    `    webhooks ${r.health.health}: ${active}/${models.length} models with an active Clio webhook` +
      (r.health.nextExpiry ? ` (next expiry ${r.health.nextExpiry}, renewed 7 days before)` : ''),
    `    ${r.changes} changes in Clio → ${d.received} deliveries recorded, ${d.applied} applied` +
      ` (${d.appliedTwice} twice), worst lag received → applied ${r.health.maxLagMs} ms`,
    r.secondsToExact === null
      ? `    the mirror does NOT equal Clio 60 s after the last change: ${r.checks
          .filter((c) => !c.exact)
          .map((c) => c.entityType)
          .join(', ')}`
      : `    the mirror equals Clio ${r.secondsToExact.toFixed(1)} s after the last change, ` +
        `with ${r.syncsDuringRun} syncs requested (webhooks alone)`,
  ];
};
