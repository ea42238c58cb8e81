import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { signJwt } from '@sf/http-auth';
import { createRelay, type Relay } from '@sf/messaging';
import { SyncScope } from '@sf/sync-jobs';
import { uniqueName, waitFor } from '@sf/testing';
import { JWT_SECRET, startE2eKit, type E2eKit } from '../apps/sync-orchestrator/src/testing/e2e-kit';
import { connectFirm, event } from '../apps/sync-orchestrator/src/testing/orchestrator-fixtures';
import { appendJobEvents } from '../apps/sync-orchestrator/src/testing/mirror-fixtures';
import { findChromium } from './browser/find-chromium';

// The status page keeps its token fresh: opened with a token that expires in 20 s, it gets a new one from the
// gateway's token URL (here a small server beside the test, what the gateway answers for its signed-in user) before
// then, reopens its stream with it, and still shows live progress after the first token expired.
const FIRM = uniqueName('page_refresh').replace(/[^A-Za-z0-9_-]/g, '_');
const token = (seconds: number): string =>
  signJwt(
    { sub: 'user-1', firm_id: FIRM, exp: Math.floor(Date.now() / 1000) + seconds },
    { alg: 'HS256', secret: JWT_SECRET },
  );

describe('status page token refresh in headless Chromium (e2e)', () => {
  jest.setTimeout(120_000);
  let kit: E2eKit;
  let relay: Relay;
  let gateway: Server;
  let browser: Browser;
  const issued: string[] = [];

  beforeAll(async () => {
    // The page's origin is the orchestrator's; the gateway answers it with CORS and its credentials.
    let origin = '';
    gateway = createServer((req, res) => {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (req.url !== '/token') return void res.writeHead(404).end();
      const t = token(240);
      issued.push(t);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: t }));
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const tokenUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/token`;
    kit = await startE2eKit({ statusPageTokenUrl: tokenUrl });
    origin = kit.orchestrator.url;
    relay = createRelay({
      db: kit.t.db,
      lockUrl: kit.t.url,
      nc: kit.nc,
      topology: { namespace: kit.topology.namespace! },
      idlePollMs: 10,
    });
    void relay.run();
    await connectFirm(kit.t.db, FIRM);
    await waitFor(
      () => kit.t.db.selectFrom('firm_connections').select('firm_id').where('firm_id', '=', FIRM).execute(),
      (rows) => rows.length === 1,
    );
    browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await relay?.stop();
    await kit?.close();
    await new Promise((r) => gateway?.close(r));
  });

  it('fetches a fresh token before its own expires and stays live past that expiry', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const opened = Date.now();
    await page.goto(`${kit.orchestrator.url}/status-page?access_token=${token(20)}`);
    await page.locator('#connection[data-state=connected]').waitFor({ timeout: 15_000 });
    // Less than a minute left: it refreshes at once.
    await waitFor(
      async () => issued.length,
      (n) => n >= 1,
      { timeoutMs: 15_000, description: 'a token fetched' },
    );

    const { jobId } = await kit.orchestrator.service.request({
      firmId: FIRM,
      scope: SyncScope.firm(),
      trigger: 'manual',
      requestedBy: 'user-1',
    });
    // After the first token's expiry: a stream opened with it would have ended with `expired` by now.
    await new Promise((r) => setTimeout(r, Math.max(0, opened + 23_000 - Date.now())));
    await appendJobEvents(kit.t.db, jobId!, [
      event(FIRM, 'SyncJobStarted', {
        jobId: jobId!,
        scope: { kind: 'firm' },
        entityTypes: ['matters'],
        estimatedTotal: 90,
      }),
      event(FIRM, 'SyncProgressed', {
        jobId: jobId!,
        entityType: 'matters',
        fetched: 40,
        total: 90,
        cursor: null,
        mode: 'full',
      }),
    ]);
    await page
      .locator('.row[data-type=matters] .count')
      .filter({ hasText: /^40 of 90/ })
      .waitFor({ timeout: 30_000 });
    expect(await page.locator('#connection').getAttribute('data-state')).toBe('connected');
    expect(await page.locator('#message').innerText()).not.toContain('expired');
    expect(errors).toEqual([]);
  });
});
