// The document processor under outages: a processing job of a folder (download every document of its frozen
// snapshot, record its SHA-256) while NATS is killed, then another while Postgres is stopped. No process crashes,
// each job completes, and every snapshot document has exactly one outcome (none lost, none doubled) and, when
// processed, its processed_documents row. Its own Postgres cluster and nats-server.
import { waitFor } from '@sf/testing';
import { useOutageSuite } from './outage-suite';
import { exitedProcesses, slowClio, waitJobEnded, waitMirrorExact } from './outage-checks';
import { natsOutage, postgresOutage } from './infra-outage';
import { checkProcessingJob, type ProcessingCheck } from './processing-check';

const OUTAGE_S = 15;

describe('document processing during NATS and Postgres outages', () => {
  // One document at a time, each download slowed below, so an outage lands with most of the job still to do.
  const suite = useOutageSuite({
    ownPostgres: 'processing',
    processor: true,
    env: { PROCESSOR_CONCURRENCY: '1' },
    startTimeoutMs: 420_000,
    ready: async (stack) => {
      expect(await waitJobEnded(stack, 0, 300_000)).toBe('completed');
      await waitMirrorExact(stack, 60_000);
    },
  });

  const check = (jobId: string): Promise<ProcessingCheck> => checkProcessingJob(suite.stack.db, jobId);
  /** A processing job under way with at least two outcomes recorded and at least two documents still to do. */
  const jobUnderWay = async (): Promise<string> => {
    const jobId = await suite.stack.startProcessingJob();
    const c = await waitFor(
      () => check(jobId),
      (x) => x.documents - x.withoutOutcome >= 2,
      { timeoutMs: 120_000, intervalMs: 200, description: 'two documents of the job processed' },
    );
    expect(c.withoutOutcome).toBeGreaterThanOrEqual(2);
    return jobId;
  };
  const completedExactly = async (jobId: string): Promise<ProcessingCheck> => {
    const c = await waitFor(
      () => check(jobId),
      (x) => x.jobCompleted > 0 && x.processedRows >= x.processed,
      { timeoutMs: 300_000, intervalMs: 500, description: `processing job ${jobId} completed and projected` },
    );
    expect(c).toEqual({ ...c, withoutOutcome: 0, doubled: 0, jobCompleted: 1, processedRows: c.processed });
    expect(c.documents).toBeGreaterThanOrEqual(4);
    return c;
  };

  it('NATS killed mid-job: the job completes, one outcome per document', async () => {
    const { stack, nats } = suite;
    const removeSlow = await slowClio(stack, 1_500);
    try {
      const jobId = await jobUnderWay();
      const { healedMs } = await natsOutage(stack, nats, OUTAGE_S);
      const c = await completedExactly(jobId);
      console.log(`processing, NATS down ${OUTAGE_S} s: health back in ${healedMs} ms; ${JSON.stringify(c)}`);
    } finally {
      await removeSlow();
    }
    expect(exitedProcesses(stack)).toEqual([]);
  }, 600_000);

  it.each(['fast', 'immediate'] as const)(
    'Postgres stopped (%s) mid-job: the job completes, one outcome per document',
    async (mode) => {
      const { stack, pg } = suite;
      const removeSlow = await slowClio(stack, 1_500);
      try {
        const jobId = await jobUnderWay();
        const { healedMs } = await postgresOutage(stack, pg, mode, OUTAGE_S);
        const c = await completedExactly(jobId);
        console.log(`processing, Postgres ${mode} ${OUTAGE_S} s: health back in ${healedMs} ms; ${JSON.stringify(c)}`);
      } finally {
        await removeSlow();
      }
      expect(exitedProcesses(stack)).toEqual([]);
    },
    600_000,
  );
});
