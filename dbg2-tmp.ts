import { createSimulator } from '@sf/clio-simulator';
import { createClioClient, createInMemoryTokenProvider } from '@sf/clio-client';
import { createTestDatabase } from '@sf/testing';
(async () => {
  const sim = await createSimulator({ size: 'small', rateLimit: { limit: 1000000 } });
  const t = await createTestDatabase();
  const tokens = createInMemoryTokenProvider(() => { const tk = sim.edge.issueToken(); return { ok: true, accessToken: tk.access_token, expiresAt: new Date(Date.now() + 3600e3).toISOString(), region: 'us', apiBaseUrl: sim.baseUrl(), connectionId: 'c1' }; });
  const c = createClioClient({ db: t.db, firmId: 'f', tokens, sleep: async (ms) => { console.log('sleep', ms); await new Promise((r) => setTimeout(r, Math.min(ms, 100))); } });
  for (let i = 0; i < 3; i++) { const r = await c.fetchPage({ resource: 'users', fields: ['id'], limit: 1 }, 'backfill'); console.log(r.ok, r.ok ? r.page.total : r); }
  console.log(await t.db.selectFrom('clio_rate_budgets').selectAll().execute());
  await sim.close(); await t.drop();
})();
