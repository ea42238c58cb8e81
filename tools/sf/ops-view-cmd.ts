import { writeFileSync } from 'node:fs';
import type { Exit, SfContext } from './context';
import { renderOpsPage } from './ops-page';
import { readOpsView } from './ops-view';
import { ExitCode } from './usage';

/** `sf ops view [--out file.html]`: the cross-firm ops view, as an HTML page, JSON, or a summary. */
export const opsView = async (c: SfContext, out: string | undefined): Promise<Exit> => {
  const view = await readOpsView(c.db, await c.nats(), c.topology);
  if (out !== undefined) {
    writeFileSync(out, renderOpsPage(view, new Date()));
    c.out(`wrote ${out}`);
  } else if (c.json) c.out(JSON.stringify(view));
  else {
    const states = Object.entries(view.jobsByState).map(([s, n]) => `${s} ${n}`);
    c.out(`sync jobs: ${states.join(', ') || 'none'}`);
    c.out(`stalled: ${view.stalled.length}, blocked: ${view.blocked.length}, dead letters: ${view.deadLetters.length}`);
    for (const j of [...view.stalled, ...view.blocked]) c.out(`  ${j.firmId} ${j.jobId} ${j.state}: ${j.note}`);
    for (const w of view.webhooks)
      c.out(`  webhooks ${w.firmId}: ${w.active} active, ${w.applied} applied, last lag ${w.lastLagMs ?? '—'} ms`);
  }
  return ExitCode.ok;
};
