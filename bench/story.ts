// `npm run bench:story`: how long `sf job story` takes for a large firm's whole sync job (the issue asks under 2 s),
// beside a raw SQL read of the same job's events measured in the same run. Builds the job's log first (the
// simulator's large firm, ~200,000 records in ~1,000 pages, see story/large-job-log.ts). Last line: one JSON object.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { streamIds } from '@sf/contracts';
import { defineTopology } from '@sf/messaging';
import { createTestDatabase, useTestMigrations } from '@sf/testing';
import type { PlatformDb } from '../tools/migration-sets';
import type { SfContext } from '../tools/sf/context';
import { jobStory } from '../tools/sf/job-story-cmd';
import { appendLargeFirmJob } from './story/large-job-log';

const RUNS = 5;
const TARGET_MS = 2_000;

const ms = (from: number): number => Math.round(performance.now() - from);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const main = async (): Promise<void> => {
  console.log('bench:story — sf job story of a large firm job (this machine, this run)');
  useTestMigrations(async () => (await import('../tools/migration-sets')).ALL_MIGRATION_SETS);
  const t = await createTestDatabase<PlatformDb>();
  try {
    const built = performance.now();
    const job = await appendLargeFirmJob(t.db, { seed: 11, priorJobs: 3_000, log: console.log });
    // As autovacuum would have by then: the planner knows the table.
    await sql`analyze es_events`.execute(t.db);
    console.log(
      `  log built in ${(ms(built) / 1000).toFixed(1)} s: ${job.jobEvents} job events (${job.pages} pages, ` +
        `${job.records} records, ${Math.round(job.recordBytes / 1e6)} MB of records), ${job.scopeEvents} scope events`,
    );

    // Baseline: every event of the job stream, whole, in one statement.
    const rawTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await sql`select event_id, event_type, data, metadata from es_events
        where stream_id = ${streamIds.syncJob(job.jobId)} order by stream_position`.execute(t.db);
      rawTimes.push(ms(s));
    }

    const lines: string[] = [];
    const context: SfContext = {
      db: t.db,
      nats: () => Promise.reject(new Error('job story reads no NATS')),
      topology: defineTopology(),
      out: (l) => lines.push(l),
      err: () => undefined,
      json: false,
      signal: new AbortController().signal,
    };
    const tell = async (id: string): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        lines.length = 0;
        const s = performance.now();
        const code = await jobStory(context, id);
        times.push(ms(s));
        if (code !== 0) throw new Error(`job story ${id} exited ${code}`);
      }
      return times;
    };
    const storyTimes = await tell(job.jobId);
    const storyLines = lines.length;
    const traceTimes = await tell(job.traceId);

    // The command as an operator runs it: process start, migrations check, read, tell.
    const cliTimes: number[] = [];
    for (let i = 0; i < 2; i++) {
      const s = performance.now();
      const r = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/sf.ts', 'job', 'story', job.jobId], {
        cwd: path.join(__dirname, '..'),
        env: { ...process.env, DATABASE_URL: t.url },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      cliTimes.push(ms(s));
      if (r.status !== 0) throw new Error(`sf job story exited ${r.status}: ${r.stderr}`);
    }

    const summary = {
      bench: 'story',
      job_events: job.jobEvents,
      pages: job.pages,
      records: job.records,
      record_mb: Math.round(job.recordBytes / 1e6),
      scope_events: job.scopeEvents,
      story_lines: storyLines,
      raw_read_ms_p50: median(rawTimes),
      story_ms_p50: median(storyTimes),
      story_ms_max: Math.max(...storyTimes),
      story_by_trace_ms_p50: median(traceTimes),
      cli_ms_min: Math.min(...cliTimes),
      target_ms: TARGET_MS,
      // The whole command's time is mostly process start, which a loaded machine stretches: say how loaded.
      load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
    };
    console.log('');
    console.log(`raw read of the job stream (whole events)  p50 ${summary.raw_read_ms_p50} ms`);
    console.log(
      `job story <jobId> (read + tell)          p50 ${summary.story_ms_p50} ms   max ${summary.story_ms_max} ms   (target < ${TARGET_MS})`,
    );
    console.log(`job story <traceId>                      p50 ${summary.story_by_trace_ms_p50} ms`);
    console.log(
      `npm run sf -- job story (whole command)  ${summary.cli_ms_min} ms (best of 2; process start included; load ${summary.load_average_1m})`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    await t.drop();
  }
};

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
