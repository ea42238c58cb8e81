import { SyncHarness } from './apps/clio-fetcher/src/testing/sync-harness';
(async () => {
  const h = await SyncHarness.start({ sim: { size: 'medium' } });
  await h.startFetcher({ logLevel: 'info' });
  const jobId = await h.requestSync({ trigger: 'first_login' });
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const ev = await h.jobEvents(jobId);
    const work = await h.t.db.selectFrom('sync_job_work').selectAll().execute();
    console.log(i, ev.length, ev.slice(-2).map((e) => e.type), work.map((w) => [w.status, w.owner, w.lease_until, w.attempts, w.last_error]));
    if (work[0]?.status === 'done') { console.log('done at', i); break; }
  }
  console.log('pages', h.pages.entries().length, h.pages.entries().slice(0, 3));
  await h.close();
})().catch((e) => { console.error(e); process.exit(1); });
