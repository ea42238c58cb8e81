import { checkpointLag, loadCheckpoint, LogPosition } from '@sf/event-store';
import { catchUp, checkpointName, resetProjection, type Projection } from '@sf/projections';
import { ALL_PROJECTIONS, projectionsNamed, type ReadModelDb } from '../projection-registry';
import type { Exit, SfContext } from './context';
import { progressLine } from './progress';
import { ExitCode } from './usage';

/** Counting the whole log for a rebuild's total is one index scan; cap it so the count stays quick. */
const TOTAL_CAP = 50_000_000;

/** `sf projections status`: each read model's checkpoint, version and lag behind the log. */
export const projectionsStatus = async (c: SfContext): Promise<Exit> => {
  const versions = new Map(
    (await c.db.selectFrom('read_model_versions').select(['projection', 'version']).execute()).map((r) => [
      r.projection,
      r.version,
    ]),
  );
  const rows = [];
  for (const p of ALL_PROJECTIONS) {
    const at = await loadCheckpoint(c.db, checkpointName(p));
    const lag = await checkpointLag(c.db, checkpointName(p));
    rows.push({
      name: p.name,
      version: p.version,
      builtVersion: versions.get(p.name) ?? null,
      position: LogPosition.format(at),
      lagEvents: lag.events,
      lagSeconds: Math.round(lag.seconds),
    });
  }
  if (c.json) c.out(JSON.stringify({ projections: rows }));
  else
    for (const r of rows)
      c.out(
        `${r.name.padEnd(22)} v${r.version}${r.builtVersion !== r.version ? ` (built v${r.builtVersion ?? '-'})` : ''}  at ${r.position}  behind ${r.lagEvents} events / ${r.lagSeconds} s`,
      );
  return ExitCode.ok;
};

/**
 * Drops the read model and replays the whole log, drawing a progress bar (counts, rate, ETA) on stderr. The total
 * is the log's length when the rebuild starts; events appended meanwhile are applied too.
 */
export const rebuildWithProgress = async (
  c: Pick<SfContext, 'db' | 'err'>,
  p: Projection<ReadModelDb>,
  draw: boolean,
): Promise<{ events: number; ms: number }> => {
  const started = Date.now();
  await c.db.transaction().execute((trx) => resetProjection(trx, p));
  const total = (await checkpointLag(c.db, checkpointName(p), TOTAL_CAP)).events;
  const events = await catchUp(c.db, p, {
    batchSize: 1000,
    ...(draw ? { onProgress: (n: number) => c.err(progressLine(p.name, n, total, started, Date.now())) } : {}),
  });
  if (draw) c.err(`${progressLine(p.name, events, Math.max(total, events), started, Date.now())}\n`);
  return { events, ms: Date.now() - started };
};

/** `sf projections rebuild <name|all>`. */
export const projectionsRebuild = async (c: SfContext, name: string): Promise<Exit> => {
  const named = name === 'all' ? ALL_PROJECTIONS : projectionsNamed(name);
  if (named.length === 0) {
    c.err(`no read model ${name} (one of: all, ${ALL_PROJECTIONS.map((p) => p.name).join(', ')})`);
    return ExitCode.notFound;
  }
  const results = [];
  for (const p of named) results.push({ name: p.name, ...(await rebuildWithProgress(c, p, !c.json)) });
  if (c.json) c.out(JSON.stringify({ rebuilt: results }));
  else for (const r of results) c.out(`${r.name}: rebuilt from ${r.events} events in ${r.ms} ms`);
  return ExitCode.ok;
};
