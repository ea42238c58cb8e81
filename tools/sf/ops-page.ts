import type { OpsJob, OpsView } from './ops-view';

const esc = (v: unknown): string => String(v ?? '—').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const table = (head: readonly string[], rows: readonly (readonly unknown[])[], empty: string): string =>
  rows.length === 0
    ? `<p class="empty">${esc(empty)}</p>`
    : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

const jobs = (list: readonly OpsJob[], empty: string): string =>
  table(
    ['firm', 'job', 'trigger', 'state', 'last progress', 'why'],
    list.map((j) => [j.firmId, j.jobId, j.trigger, j.state, j.lastProgressAt, j.note]),
    empty,
  );

/**
 * The ops view as one self-contained HTML page (`sf ops view --out ops.html`): jobs by state, stalled and blocked
 * jobs, webhook health per firm, dead letters. Every value is escaped. Pure: `now` is when it was read.
 */
export const renderOpsPage = (v: OpsView, now: Date): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clio sync: operations</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:1.5rem}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}.empty{color:#666}</style></head>
<body><h1>Clio sync: operations</h1><p>Read at ${esc(now.toISOString())}</p>
<h2>Sync jobs by state</h2>${table(
  ['state', 'jobs'],
  Object.entries(v.jobsByState).sort(([a], [b]) => a.localeCompare(b)),
  'No sync jobs',
)}
<h2 id="stalled">Stalled jobs</h2>${jobs(v.stalled, 'No stalled job')}
<h2 id="blocked">Blocked jobs</h2>${jobs(v.blocked, 'No blocked job')}
<h2 id="webhooks">Webhook health</h2>${table(
  ['firm', 'active subscriptions', 'next expiry', 'applied', 'last applied', 'last lag (ms)'],
  v.webhooks.map((w) => [w.firmId, w.active, w.nextExpiry, w.applied, w.lastAppliedAt, w.lastLagMs]),
  'No webhook subscriptions',
)}
<h2 id="dead-letters">Dead letters</h2>${table(
  ['seq', 'consumer', 'firm', 'event', 'reason', 'failed at'],
  v.deadLetters.map((d) => [d.seq, d.consumer, d.firmId, d.eventType, d.reason, d.failedAt]),
  'No dead letters',
)}
</body></html>
`;
