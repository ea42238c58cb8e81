import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startAuthService, type AuthService } from '../apps/auth-service/src/start-auth-service';
import { startFetcher, type Fetcher } from '../apps/clio-fetcher/src/start-fetcher';
import { fetcherConfig } from '../apps/clio-fetcher/src/fetcher-config';
import { startOrchestrator, type Orchestrator } from '../apps/sync-orchestrator/src/start-orchestrator';
import { createSimulator, type Simulator } from '@sf/clio-simulator';
import { DEFAULT_CLAIMS, signJwt } from '@sf/http-auth';
import { createRelay, defineTopology, type Relay, type TopologyOptions } from '@sf/messaging';
import { startProjectionRunner, type ProjectionRunner } from '@sf/projections';
import { connectTestNats, createTestDatabase, TEST_NATS_URL, uniqueName, type TestDatabase } from '@sf/testing';
import { createKeyring } from '@sf/token-vault';
import { findChromium } from './browser/find-chromium';
import { ALL_PROJECTIONS } from './projection-registry';
import { renderOpsPage } from './sf/ops-page';
import { readOpsView } from './sf/ops-view';
import type { PlatformDb } from './migration-sets';

// The status page in a real browser (headless Chromium driven by playwright-core): a firm connects Clio while its
// page is open, and the page shows the first-login sync live over SSE; its buttons reach the policy and the fetcher.
const JWT_SECRET = 'status-page-e2e-secret-of-at-least-32-bytes';
const CLIENT = { clientId: 'page-e2e-client', clientSecret: 'page-e2e-secret', name: 'Page e2e' };
const FIRM = uniqueName('firm').replace(/[^A-Za-z0-9_-]/g, '_');
// The README's pictures are refreshed on request (SF_UPDATE_SCREENSHOTS=1); a plain run leaves the checkout as it was.
const SHOTS_DIR =
  process.env['SF_UPDATE_SCREENSHOTS'] === '1' ? join(__dirname, '..', 'docs') : join(tmpdir(), uniqueName('shots'));
const SCREENSHOT = join(SHOTS_DIR, 'status-page.png');
const OPS_SCREENSHOT = join(SHOTS_DIR, 'ops-view.png');
const jwt = {
  alg: 'HS256' as const,
  secret: Buffer.from(JWT_SECRET),
  leewaySeconds: 30,
  claims: { ...DEFAULT_CLAIMS },
};
/** What the gateway hands the page: a token that expires within the query-token limit (300 s). */
const pageToken = (): string =>
  signJwt(
    { sub: 'user-1', firm_id: FIRM, exp: Math.floor(Date.now() / 1000) + 240 },
    { alg: 'HS256', secret: JWT_SECRET },
  );

interface Bed {
  sim: Simulator;
  t: TestDatabase<PlatformDb>;
  nc: NatsConnection;
  topology: TopologyOptions;
  relay: Relay;
  relayRun: Promise<void>;
  projections: ProjectionRunner;
  auth: AuthService;
  orchestrator: Orchestrator;
  fetcher: Fetcher;
  browser: Browser;
}

const redirect = async (url: string, init: RequestInit = {}): Promise<string> => {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  const loc = res.headers.get('location');
  if (res.status < 300 || res.status >= 400 || !loc) throw new Error(`${url}: expected a redirect, got ${res.status}`);
  return loc;
};

/** The browser's OAuth round trip: authorize -> simulator consent (auto-approved) -> the auth service's callback. */
const connectClio = async (authUrl: string): Promise<void> => {
  const consent = await redirect(`${authUrl}/connections/clio/authorize?region=us`, {
    headers: { authorization: `Bearer ${pageToken()}` },
  });
  const res = await fetch(await redirect(consent), { headers: { accept: 'application/json' }, redirect: 'manual' });
  if (res.status >= 400) throw new Error(`callback answered ${res.status}`);
};

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).innerText();

describe('status page in headless Chromium (e2e: auth, orchestrator, fetcher, simulator, real Postgres and NATS)', () => {
  let bed: Bed;

  beforeAll(async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
    const sim = await createSimulator({
      seed: 12,
      counts: { users: 3, matters: 30, contacts: 1_500, documents: 300, activities: 600, folders_per_matter: 1 },
      rateLimit: false,
      oauth: { apps: [], autoApprove: true },
    });
    // Slow pages, so the sync is still running while the page is looked at.
    const slow = sim.edge.faults.add({ kind: 'slow', delayMs: 100 }, sim.clock.now());
    if (!slow.ok) throw new Error(slow.message);
    const t = await createTestDatabase<PlatformDb>();
    const nc = await connectTestNats();
    const id = uniqueName('page').replace(/[^A-Za-z0-9_]/g, '_');
    const topology: TopologyOptions = {
      namespace: id,
      eventsStream: `${id}_events`.toUpperCase(),
      deadLetterStream: `${id}_dlq`.toUpperCase(),
      eventsMaxAgeMs: 3_600_000,
      deadLetterMaxAgeMs: 3_600_000,
    };
    const relay = createRelay({
      name: id,
      db: t.db,
      lockUrl: t.url,
      nc,
      topology: defineTopology(topology),
      idlePollMs: 10,
    });
    const relayRun = relay.run();
    const projections = startProjectionRunner(t.db, ALL_PROJECTIONS, { idleMs: 20 });
    const common = { databaseUrl: t.url, natsUrl: TEST_NATS_URL, port: 0, host: '127.0.0.1', jwt, topology };
    const auth = await startAuthService({
      ...common,
      keyring: createKeyring([['k1', randomBytes(32)]], 'k1'),
      stateSecret: randomBytes(32),
      refreshIntervalMs: 0,
      clio: { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, origins: { us: sim.origin('us') } },
      logger: pino({ level: 'silent' }),
    });
    sim.edge.oauth.registerApp({
      ...CLIENT,
      redirectUris: [`${auth.url}/connections/clio/callback`],
      deauthorizationCallbackUrl: `${auth.url}/connections/clio/deauthorize-callback`,
    });
    const orchestrator = await startOrchestrator({
      ...common,
      stallCheckIntervalMs: 0,
      logger: pino({ level: 'silent' }),
    });
    const fetcher = await startFetcher(
      fetcherConfig({ ...common, leaseMs: 3_000, pollMs: 50, retryBaseMs: 200, logLevel: 'error', pageSize: 50 }),
    );
    bed = { sim, t, nc, topology, relay, relayRun, projections, auth, orchestrator, fetcher, browser };
  }, 120_000);

  afterAll(async () => {
    if (!bed) return;
    await bed.browser.close().catch(() => undefined);
    for (const s of [bed.fetcher, bed.orchestrator, bed.auth]) await s.close().catch(() => undefined);
    await bed.projections.stop();
    await bed.relay.stop();
    await bed.relayRun.catch(() => undefined);
    const jsm = await jetstreamManager(bed.nc);
    const streams = defineTopology(bed.topology).streams;
    for (const s of [streams.events, streams.deadLetters]) await jsm.streams.delete(s.name).catch(() => false);
    await bed.nc.close();
    await bed.sim.close();
    await bed.t.drop();
  });

  it('shows the first-login sync live, answers "Sync now" with the policy, prioritises, reconnects, and ends completed', async () => {
    const page = await bed.browser.newPage({ viewport: { width: 900, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${bed.orchestrator.url}/status-page?access_token=${pageToken()}`);
    await page.locator('#connection[data-state=connected]').waitFor({ timeout: 15_000 });
    // The token left the address bar.
    expect(page.url()).not.toContain('access_token');
    expect(await text(page, '#job')).toBe('no sync yet');

    await connectClio(bed.auth.url);
    // Live: the job appears and a progress bar moves, without a reload.
    await page
      .locator('.row[data-type=contacts] .count')
      .filter({ hasText: /^[1-9]\d* of 1500/ })
      .waitFor({ timeout: 60_000 });
    expect(await text(page, '#job')).toBe('running');

    await page.click('#sync-now');
    await page.locator('#sync-answer').filter({ hasText: 'Sync in progress' }).waitFor({ timeout: 10_000 });

    await page.click('.row[data-type=activities] button.prioritise');
    await page.locator('#message').filter({ hasText: 'activities will be fetched next' }).waitFor({ timeout: 10_000 });

    // The fetcher honoured it: activities were listed to the end while contacts waited at a page boundary.
    await page
      .locator('.row[data-type=activities] .count')
      .filter({ hasText: /^600 of 600/ })
      .waitFor({ timeout: 30_000 });
    expect(await text(page, '.row[data-type=contacts] .count')).not.toMatch(/^1500 of 1500/);

    await page.click('#reconnect');
    await page.locator('#connection[data-state=connected]').waitFor({ timeout: 10_000 });

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

    await page.locator('#job').filter({ hasText: 'completed' }).waitFor({ timeout: 120_000 });
    expect(await text(page, '.row[data-type=contacts] .count')).toMatch(/^1500 of 1500/);
    expect(await text(page, '#features')).toContain('documents');
    expect(errors).toEqual([]);

    // The ops view of the same data across firms (`sf ops view --out`), rendered in the same browser.
    const ops = await readOpsView(bed.t.db, bed.nc, defineTopology(bed.topology));
    expect(ops.jobsByState['completed']).toBe(1);
    expect(ops.stalled).toEqual([]);
    await page.setContent(renderOpsPage(ops, new Date()));
    expect(await text(page, 'table')).toContain('completed');
    await page.screenshot({ path: OPS_SCREENSHOT, fullPage: true });
    expect(statSync(OPS_SCREENSHOT).size).toBeGreaterThan(10_000);
    if (process.env['SF_UPDATE_SCREENSHOTS'] !== '1') rmSync(SHOTS_DIR, { recursive: true, force: true });
  }, 300_000);
});
