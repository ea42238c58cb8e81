// kill -9 of the fetcher replica holding a sync job: the other replica takes the job over within 10 s (the 8 s
// lease, renewed every 2.5 s), and the sync completes with an exact mirror.
import { sql } from 'kysely';
import { waitFor } from '@sf/testing';
import { useOutageSuite } from './outage-suite';
import { waitJobEnded, waitMirrorExact } from './outage-checks';

describe('clio-fetcher killed while holding a job, a second replica running', () => {
  const suite = useOutageSuite({ latencyMs: 250, fetchers: 2 });

  const holder = async (): Promise<string | null> => {
    const { stack } = suite;
    const { rows } = await sql<{ owner: string | null }>`
      select owner from work_queue where job_id = (select job_id from sync_jobs where firm_id = ${stack.firmId})`.execute(
      stack.db,
    );
    return rows[0]?.owner ?? null;
  };
  const pidOf = (owner: string): number => Number(owner.split(':')[1]);

  it('continues on the other replica within 10 s and completes exact', async () => {
    const { stack } = suite;
    const owner = await waitFor(holder, (o) => o !== null, {
      timeoutMs: 60_000,
      intervalMs: 100,
      description: 'a fetcher holding the job',
    });
    const victim = stack.services.find((s) => s.child.pid === pidOf(owner!));
    expect(victim?.name).toMatch(/^clio-fetcher/);
    const killedAt = Date.now();
    victim!.child.kill('SIGKILL');
    await waitFor(holder, (o) => o !== null && o !== owner, {
      timeoutMs: 10_000,
      intervalMs: 100,
      description: 'the other replica holding the job',
    });
    const takeoverMs = Date.now() - killedAt;
    console.log(`fetcher killed: job taken over after ${takeoverMs} ms`);
    expect(takeoverMs).toBeLessThanOrEqual(10_000);
    expect(await waitJobEnded(stack, 0, 300_000)).toBe('completed');
    await waitMirrorExact(stack, 60_000);
  }, 420_000);
});
