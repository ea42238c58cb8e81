import { SyncHarness } from './apps/clio-fetcher/src/testing/sync-harness';
(async () => {
  const h = await SyncHarness.start();
  await h.startFetcher({ logLevel: 'info' });
  const jobId = await h.requestSync({ trigger: 'first_login' });
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const ev = await h.jobEvents(jobId);
    const work = await h.t.db.selectFrom('sync_job_work').selectAll().execute();
    console.log(i, ev.length, ev.slice(-2).map((e) => e.type), work.map((w) => [w.status, w.owner, w.lease_until, w.attempts, w.last_error]));
    if (ev.some((e) => e.type === 'X')) break;
  }
  console.log('pages', h.pages.entries().length, h.pages.entries().slice(0, 3));
  await h.close();
})().catch((e) => { console.error(e); process.exit(1); });
