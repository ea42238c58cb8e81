// Acceptance of the ops toolbox (issue 13): a firm-wide sync with a fetcher killed in the middle; `sf job story`
// tells the takeover, the API calls of each page and the completion; `sf firm status` the firm; `/metrics` of every
// process answers, the fetcher's with the job's Clio requests and records, the orchestrator's with the ETA error;
// the trace reaches the projections. The dead-letter half (list with reason, redrive applied once) is tools/sf/dlq.e2e-spec.ts.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { ADMIN_DATABASE_URL, startOwnNatsServer, waitFor, type OwnNatsServer } from '@sf/testing';
import { startOutageStack, type OutageStack } from './outages/outage-stack';
import { waitJobEnded } from './outages/outage-checks';
import { startOtlpReceiver, type OtlpReceiver } from './monitoring/otlp-receiver';

const LOG_DIR = path.resolve(__dirname, '..', 'tmp', 'ops-acceptance');
const run = promisify(execFile);

describe('ops acceptance: a fetcher killed mid-sync, told by sf job story and counted in /metrics', () => {
  let nats: OwnNatsServer;
  let stack: OutageStack;
  let otlp: OtlpReceiver;
  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    nats = await startOwnNatsServer();
    stack = await startOutageStack({
      adminUrl: ADMIN_DATABASE_URL,
      natsUrl: nats.url,
      logDir: LOG_DIR,
      latencyMs: 250,
      fetchers: 2,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
    });
  }, 240_000);
  afterAll(async () => {
    await stack?.close();
    await nats?.dispose();
    await otlp?.close();
  }, 60_000);

  const holder = async (): Promise<{ owner: string | null; job_id: string } | undefined> =>
    (
      await sql<{ owner: string | null; job_id: string }>`
        select owner, job_id from work_queue where job_id = (select job_id from sync_jobs where firm_id = ${stack.firmId})`.execute(
        stack.db,
      )
    ).rows[0];
  const sf = async (...args: string[]): Promise<string> =>
    (
      await run(process.execPath, ['-r', '@swc-node/register', 'tools/sf.ts', ...args], {
        cwd: path.resolve(__dirname, '..'),
        env: {
          ...process.env,
          DATABASE_URL: stack.databaseUrl,
          NATS_URL: nats.url,
          SF_NATS_NAMESPACE: stack.namespace,
          SF_EVENTS_STREAM: stack.eventsStream,
          SF_DLQ_STREAM: `${stack.namespace}_DLQ`.toUpperCase(),
        },
      })
    ).stdout;

  it('tells the kill and the takeover, and every process serves its metrics', async () => {
    // In the middle: the job has started and appended pages, so the kill interrupts a running listing.
    await waitFor(
      async () =>
        (
          await sql<{ n: number }>`
            select count(*)::int as n from sync_jobs, jsonb_each(progress) where firm_id = ${stack.firmId}`.execute(
            stack.db,
          )
        ).rows[0]?.n ?? 0,
      (n) => n >= 1,
      { timeoutMs: 120_000, intervalMs: 100, description: 'the job appending pages' },
    );
    const held = await waitFor(holder, (h) => h?.owner != null, {
      timeoutMs: 60_000,
      intervalMs: 100,
      description: 'a fetcher holding the job',
    });
    const victim = stack.services.find((s) => s.child.pid === Number(held!.owner!.split(':')[1]));
    victim!.child.kill('SIGKILL');
    await waitFor(holder, (h) => h?.owner != null && h.owner !== held!.owner, {
      timeoutMs: 30_000,
      description: 'the other replica holding the job',
    });
    expect(await waitJobEnded(stack, 0, 300_000)).toBe('completed');

    const story = JSON.parse(await sf('job', 'story', held!.job_id, '--json')) as {
      lines: Array<{ text: string }>;
      summary: { state: string; takeovers: number; pages: Record<string, number> };
    };
    const texts = story.lines.map((l) => l.text);
    expect(texts[0]).toMatch(/^requested \(first_login\) for the firm/);
    expect(texts).toContainEqual(expect.stringMatching(/^TAKEOVER: a new worker resumed the job/));
    expect(texts[texts.length - 1]).toMatch(/^completed: /);
    expect(story.summary).toMatchObject({ state: 'completed', takeovers: 1 });
    expect(Object.values(story.summary.pages).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // Each page says what it cost in Clio requests (SyncProgressed v3).
    expect(texts).toContainEqual(expect.stringMatching(/^page of [a-z_]+: \+\d+ records \(.*\), [1-9]\d* API calls?/));
    const started = Date.now();
    const pretty = await sf('job', 'story', held!.job_id);
    // The process start (swc, migrations check) dominates; the story itself is a few queries.
    process.stderr.write(`sf job story (whole command): ${Date.now() - started} ms\n`);
    expect(pretty).toMatch(/final state: completed; \d+ pages, \d+ records, [1-9]\d* API calls, .* 1 takeovers/);

    const firm = JSON.parse(await sf('firm', 'status', stack.firmId, '--json')) as Record<string, unknown>;
    expect(firm).toMatchObject({
      connection: { status: expect.any(String) },
      jobs: [expect.objectContaining({ job_id: held!.job_id, state: 'completed' })],
      webhooks: { subscriptions: expect.any(Array) },
      heldSweeps: [],
      flaggedRecords: expect.any(Object),
    });
    expect(firm).toHaveProperty('schedule');

    const metricsOf = async (name: string): Promise<string> => {
      const res = await fetch(stack.health[name]!.replace('/health/ready', '/metrics'));
      expect(res.status).toBe(200);
      return res.text();
    };
    // Any entity type: the victim may have listed all the matters before it was killed.
    const survivor = stack.services.find((s) => s.name.startsWith('clio-fetcher') && s !== victim)!;
    const fetcher = await metricsOf(survivor.name);
    expect(fetcher).toMatch(
      /^sf_clio_requests_total\{entity_type="[a-z_]+",lane="backfill",status="200",service="clio-fetcher"\} [1-9]/m,
    );
    expect(fetcher).toMatch(/^sf_sync_records_total\{entity_type="[a-z_]+",service="clio-fetcher"\} [1-9]/m);
    expect(fetcher).toMatch(/^sf_sync_pages_appended_total\{/m);
    expect(await metricsOf('sync-orchestrator')).toMatch(
      /^sf_sync_jobs\{state="completed",trigger="first_login",service="sync-orchestrator"\} 1$/m,
    );
    // The ETA it had at half-way, against what the rest took (the orchestrator's SyncJobCompleted consumer).
    expect(
      await waitFor(
        () => metricsOf('sync-orchestrator'),
        (text) => /^sf_sync_eta_error_seconds_count\{[^}]*direction="(late|early)"[^}]*\} 1$/m.test(text),
        { timeoutMs: 30_000, description: 'the ETA error of the completed job' },
      ),
    ).toBeDefined();
    expect(await metricsOf('relay')).toMatch(/^sf_relay_lag_events\{relay="main",service="relay"\} \d+/m);
    // The change relay's lag beside it, read from its cursor (every change of the completed sync published by now).
    expect(
      await waitFor(
        () => metricsOf('relay'),
        (text) => /^sf_relay_lag_events\{relay="changes",service="relay"\} 0$/m.test(text),
        { timeoutMs: 30_000, description: 'the change relay caught up' },
      ),
    ).toMatch(/^sf_relay_lag_seconds\{relay="changes",service="relay"\} 0$/m);
    expect(await metricsOf('projections')).toMatch(
      /^sf_projection_events_applied_total\{projection="clio-mirror",service="projections"\} [1-9]/m,
    );
    expect(await metricsOf('auth-service')).toMatch(
      /^sf_process_process_resident_memory_bytes\{service="auth-service"\}/m,
    );

    // One sync is one trace: the OAuth callback that connected the firm, the relay's publishes, the orchestrator's
    // first-login consumer that requested the sync, and the fetcher's job with its Clio requests.
    const { rows } = await sql<{ traceparent: string | null }>`
      select metadata->'trace'->>'traceparent' as traceparent from es_events
      where event_type = 'SyncRequested' and data->>'jobId' = ${held!.job_id}`.execute(stack.db);
    const traceId = rows[0]?.traceparent?.split('-')[1];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const services = await waitFor(
      async () => new Set(otlp.spans.filter((sp) => sp.traceId === traceId).map((sp) => sp.service)),
      (seen) => ['auth-service', 'relay', 'sync-orchestrator', 'clio-fetcher'].every((n) => seen.has(n)),
      { timeoutMs: 30_000, description: 'spans of the sync from four processes' },
    );
    expect(services.size).toBeGreaterThanOrEqual(4);
    // The projections process applies the sync's events in batches: each batch span links to the events' traces.
    await waitFor(
      async () =>
        otlp.spans.filter(
          (sp) =>
            sp.service === 'projections' &&
            sp.name.startsWith('project ') &&
            (sp.traceId === traceId || sp.linkedTraceIds.includes(traceId!)),
        ).length,
      (n) => n > 0,
      { timeoutMs: 30_000, description: 'a projection batch span in or linked to the sync trace' },
    );
    const clio = otlp.spans.filter((sp) => sp.traceId === traceId && sp.name.startsWith('GET clio '));
    expect(clio[0]?.attributes).toEqual(
      expect.objectContaining({ 'http.response.status_code': 200, 'clio.entity_type': expect.any(String) }),
    );
    // No span of any process carries a token, a secret or a record: no bearer, no JWT, no OAuth code or state.
    const leaks = otlp.spans.flatMap((sp) =>
      Object.entries(sp.attributes)
        .filter(
          ([k, v]) =>
            /authorization|cookie|token$|secret/i.test(k) ||
            /Bearer |eyJ[A-Za-z0-9_-]{10,}|(code|state|access_token|refresh_token)=(?!\[redacted\])/.test(
              // Clio's page_token is an opaque listing cursor (base64 JSON in the simulator), not a credential.
              String(v).replace(/page_token=[^&]*/g, 'page_token=cursor'),
            ),
        )
        .map(([k, v]) => `${sp.service} ${sp.name}: ${k}=${String(v).slice(0, 120)}`),
    );
    expect(leaks).toEqual([]);
  }, 600_000);
});
