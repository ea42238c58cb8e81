import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { StreamTypes, streamIds } from '@sf/contracts';
import { appendToStream, readStream } from '@sf/event-store';
import {
  captureNestApps,
  checkFirmScoping,
  checkRouteAuth,
  listHttpRoutes,
  routeKey,
  type FirmScopeCase,
  type HttpRoute,
} from '@sf/http-auth/testing';
import { SyncScope } from '@sf/sync-jobs';
import { uniqueName, waitFor } from '@sf/testing';
import { bearer, call, JWT_SECRET, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm, event } from '../testing/orchestrator-fixtures';
import { appendJobEvents, fetchPages, folderRecord, matterRecord, projectMirror } from '../testing/mirror-fixtures';

/** The only routes of the orchestrator that answer without the gateway JWT. */
const PUBLIC_ROUTES = ['GET /health/live', 'GET /health/ready', 'GET /metrics'];
/** Swagger UI and its JSON (`/docs`, `/docs-json`): mounted on express outside the guard, public by design. */
const DOCS_ROUTES = ['GET /docs*', 'USE /docs*'];
const isDocs = (key: string): boolean => / \/docs/.test(key);

describe('sync orchestrator: every route needs the JWT and is firm-scoped (e2e, routes read from the running app)', () => {
  let kit: E2eKit;
  let routes: HttpRoute[];
  const A = uniqueName('firm_a');
  const B = uniqueName('firm_b');
  let bJob: string;
  const bProcessingJob = randomUUID();
  const bSweep = randomUUID();
  let bWrite: string;

  beforeAll(async () => {
    const capture = captureNestApps();
    try {
      kit = await startE2eKit();
      const apps: INestApplication[] = await capture.apps();
      expect(apps).toHaveLength(1);
      routes = listHttpRoutes(apps[0]!);
    } finally {
      capture.stop();
    }
    for (const firm of [A, B]) await connectFirm(kit.t.db, firm);
    await waitFor(
      () => kit.t.db.selectFrom('firm_connections').select('firm_id').where('firm_id', 'in', [A, B]).execute(),
      (rows) => rows.length === 2,
    );
    // Firm B's resources: matter 201 (visible to B because B synced it) and that sync's job.
    bJob = (
      await kit.orchestrator.service.request({
        firmId: B,
        scope: SyncScope.matter('201'),
        trigger: 'manual',
        requestedBy: 'user-b',
      })
    ).jobId!;
    expect(bJob).not.toBeNull();
    await waitFor(
      () => kit.t.db.selectFrom('sync_jobs').select('job_id').where('job_id', '=', bJob).executeTakeFirst(),
      (r) => r !== undefined,
    );
    // And a processing job of firm B over matter 201.
    const started = event(B, 'JobStarted', {
      jobId: bProcessingJob,
      matterId: '201',
      folderId: null,
      documentIds: ['d1'],
    });
    expect(
      (
        await appendToStream(
          kit.t.db,
          streamIds.processingJob(bProcessingJob),
          StreamTypes.processingJob,
          'no_stream',
          [started],
        )
      ).ok,
    ).toBe(true);
    // Firm B's mirror: matter 201, its folder 301, and a sweep held for review.
    const mirrorJob = await fetchPages(kit.t.db, B, {
      matters: [matterRecord(201)],
      folders: [folderRecord(301, 201, null, 'Root')],
    });
    await appendJobEvents(kit.t.db, mirrorJob, [
      {
        ...event(B, 'RecordsSwept', {
          jobId: mirrorJob,
          entityType: 'folders',
          listed: 0,
          softDeletedIds: [],
          restoredIds: [],
          heldForReview: true,
          heldIds: ['301'],
        }),
        eventId: bSweep,
      },
    ]);
    await projectMirror(kit.t.db);
    // A write of firm B (a note on its matter 201), recorded through the API as B.
    const w = await call(kit.orchestrator.url, 'POST', '/matters/201/notes', bearer(B), { subject: 's', detail: 'd' });
    expect(w.status).toBe(202);
    bWrite = String((w.body as { writeId: unknown }).writeId);
  });
  afterAll(async () => kit?.close());

  it('finds the routes the orchestrator serves', () => {
    expect(routes.map(routeKey)).toEqual(
      expect.arrayContaining([
        'POST /firms/:id/sync',
        'POST /firms/:id/sync/:entityType',
        'GET /firms/:id/onboarding',
        'PUT /firms/:id/onboarding',
        'POST /matters/:id/sync',
        'GET /matters/:id/sync-status',
        'GET /sync-jobs/:id',
        'POST /sync-jobs/:id/stop',
        'POST /sync-jobs/:id/resume',
        'POST /sync-jobs/:id/cancel',
        'POST /sync-jobs/:id/reset',
        'GET /matters/:id/documents/count',
        'POST /jobs',
        'GET /jobs',
        'GET /jobs/:id',
        'POST /jobs/:id/cancel',
        'GET /firms/:id/matter-sync-states',
        'GET /matters',
        'GET /matters/:id',
        'GET /matters/:id/folders',
        'GET /folders/:id/documents',
        'GET /contacts',
        'GET /calendar-entries',
        'GET /tasks',
        'GET /activities',
        'GET /users',
        'GET /custom-fields',
        'GET /folders/:id',
        'GET /documents/:id',
        'GET /contacts/:id',
        'GET /calendar-entries/:id',
        'GET /tasks/:id',
        'GET /activities/:id',
        'GET /users/:id',
        'GET /custom-fields/:id',
        'GET /sync-status',
        'GET /sync-status/me',
        'GET /sync-jobs',
        'GET /review/flagged-records',
        'GET /review/held-sweeps',
        'GET /review/held-sweeps/:id',
        'POST /review/held-sweeps/:id/approve',
        'POST /review/held-sweeps/:id/reject',
        'GET /matters/:id/history',
        'GET /folders/:id/history',
        'GET /documents/:id/history',
        'GET /contacts/:id/history',
        'GET /calendar-entries/:id/history',
        'GET /tasks/:id/history',
        'GET /activities/:id/history',
        'GET /users/:id/history',
        'GET /custom-fields/:id/history',
        'GET /sync-status/events',
        'GET /status-page',
        'GET /sync-jobs/:id/events',
        'POST /sync-jobs/:id/prioritise/:entityType',
        ...PUBLIC_ROUTES,
      ]),
    );
  });

  it('refuses no token, an expired, a malformed and a foreign-signed token with 401 on every route but the allow-listed ones', async () => {
    const report = await checkRouteAuth({
      baseUrl: kit.orchestrator.url,
      routes,
      publicRoutes: [...PUBLIC_ROUTES, ...DOCS_ROUTES],
      key: { alg: 'HS256', secret: JWT_SECRET },
    });
    expect(report.problems).toEqual([]);
    expect(report.open.filter((k) => !isDocs(k))).toEqual(PUBLIC_ROUTES);
    expect(report.open).toEqual(expect.arrayContaining(['GET /docs-json', 'USE /docs']));
  });

  it('serves at /docs-json, without a token, the document checked in as docs/openapi/sync-orchestrator.json', async () => {
    const served = await call(kit.orchestrator.url, 'GET', '/docs-json');
    expect(served.status).toBe(200);
    const checkedIn: unknown = JSON.parse(
      readFileSync(join(__dirname, '../../../../docs/openapi/sync-orchestrator.json'), 'utf8'),
    );
    expect(served.body).toEqual(checkedIn);
  });

  it("answers another firm's matter, firm or job id on every route exactly like a missing id (404, same body), changing nothing", async () => {
    // The foreign ids are real: firm B reaches them.
    expect((await call(kit.orchestrator.url, 'GET', `/sync-jobs/${bJob}`, bearer(B))).status).toBe(200);
    expect((await call(kit.orchestrator.url, 'GET', '/matters/201/sync-status', bearer(B))).status).toBe(200);
    expect((await call(kit.orchestrator.url, 'GET', '/matters/201/documents/count', bearer(B))).status).toBe(200);
    expect((await call(kit.orchestrator.url, 'GET', `/jobs/${bProcessingJob}`, bearer(B))).status).toBe(200);
    for (const path of [
      '/matters/201',
      '/matters/201/history',
      '/folders/301/history',
      '/folders/301',
      '/matters/201/folders',
      '/folders/301/documents',
      `/review/held-sweeps/${bSweep}`,
      `/writes/${bWrite}`,
    ])
      expect({ path, status: (await call(kit.orchestrator.url, 'GET', path, bearer(B))).status }).toEqual({
        path,
        status: 200,
      });

    // Keyed by the resource a path starts with, so a new route under an existing resource is checked by default.
    const cases: Record<string, FirmScopeCase> = {
      matters: { foreign: { id: '201' }, missing: { id: '999999' } },
      firms: {
        foreign: { id: B, entityType: 'contacts' },
        missing: { id: uniqueName('firm_none'), entityType: 'contacts' },
      },
      'sync-jobs': {
        foreign: { id: bJob, entityType: 'contacts' },
        missing: { id: randomUUID(), entityType: 'contacts' },
      },
      jobs: { foreign: { id: bProcessingJob }, missing: { id: randomUUID() } },
      folders: { foreign: { id: '301' }, missing: { id: '999998' } },
      review: { foreign: { id: bSweep }, missing: { id: randomUUID() } },
      // Record histories (`/<type>/:id/history`): firm B's matter 201 has one; the other types have none in B.
      ...Object.fromEntries(
        ['documents', 'contacts', 'calendar-entries', 'tasks', 'activities', 'users', 'custom-fields'].map((t) => [
          t,
          { foreign: { id: '201' }, missing: { id: '999999' } },
        ]),
      ),
    };
    // Notes: firm B has no note in the mirror here, so its case is two missing ids (the route reads the mirror by firm).
    cases['notes'] = { foreign: { id: '201' }, missing: { id: '999999' } };
    cases['writes'] = { foreign: { id: bWrite }, missing: { id: randomUUID() } };
    // Creates validate their body before the parent is looked up: send a valid one so the probe reaches the firm check.
    const BODIES: Record<string, unknown> = {
      notes: { subject: 'probe', detail: 'probe' },
      tasks: { name: 'probe', assignee_id: '1' },
      'calendar-entries': {
        summary: 'probe',
        start_at: '2026-01-01T10:00:00Z',
        end_at: '2026-01-01T11:00:00Z',
        calendar_owner_id: '1',
      },
      resolve: { resolution: 'keep_clio' },
    };
    const report = await checkFirmScoping({
      baseUrl: kit.orchestrator.url,
      routes,
      authorization: bearer(A),
      casesFor: (r) => {
        const c = cases[r.path.split('/')[1]!];
        const body = r.method === 'POST' ? BODIES[r.path.split('/').at(-1)!] : undefined;
        return c && body !== undefined ? { ...c, body } : c;
      },
    });
    expect(report.problems).toEqual([]);
    expect(report.checked).toEqual(
      expect.arrayContaining([
        'POST /firms/:id/sync',
        'POST /firms/:id/sync/:entityType',
        'GET /firms/:id/onboarding',
        'PUT /firms/:id/onboarding',
        'POST /matters/:id/sync',
        'GET /matters/:id/sync-status',
        'GET /sync-jobs/:id',
        'POST /sync-jobs/:id/stop',
        'POST /sync-jobs/:id/resume',
        'POST /sync-jobs/:id/cancel',
        'POST /sync-jobs/:id/reset',
        'GET /matters/:id/documents/count',
        'GET /jobs/:id',
        'POST /jobs/:id/cancel',
        'GET /firms/:id/matter-sync-states',
        'GET /matters/:id',
        'GET /matters/:id/folders',
        'GET /folders/:id/documents',
        'GET /review/held-sweeps/:id',
        'POST /review/held-sweeps/:id/approve',
        'POST /review/held-sweeps/:id/reject',
        'GET /matters/:id/history',
        'GET /folders/:id/history',
        'GET /documents/:id/history',
        'GET /contacts/:id/history',
        'GET /folders/:id',
        'GET /documents/:id',
        'GET /contacts/:id',
        'GET /calendar-entries/:id',
        'GET /tasks/:id',
        'GET /activities/:id',
        'GET /users/:id',
        'GET /custom-fields/:id',
        'GET /sync-jobs/:id/events',
        'POST /sync-jobs/:id/prioritise/:entityType',
      ]),
    );
    expect(await readStream(kit.t.db, streamIds.sweepReview(bSweep))).toEqual([]);
    expect((await readStream(kit.t.db, streamIds.processingJob(bProcessingJob))).map((e) => e.type)).toEqual([
      'JobStarted',
    ]);

    // Firm A's stop/cancel/reset/sync calls did nothing to firm B, and opened nothing for A.
    expect((await readStream(kit.t.db, streamIds.syncScope(B, SyncScope.matter('201')))).map((e) => e.type)).toEqual([
      'SyncRequested',
    ]);
    expect(await readStream(kit.t.db, streamIds.syncScope(B, SyncScope.firm()))).toEqual([]);
    expect(await readStream(kit.t.db, streamIds.syncJob(bJob))).toEqual([]);
    expect(await readStream(kit.t.db, streamIds.syncScope(A, SyncScope.matter('201')))).toEqual([]);
    expect(await readStream(kit.t.db, streamIds.syncScope(A, SyncScope.firm()))).toEqual([]);
  });
});
