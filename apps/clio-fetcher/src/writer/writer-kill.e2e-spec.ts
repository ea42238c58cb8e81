import { setTimeout as sleep } from 'node:timers/promises';
import { spawnService, waitFor, type ServiceChild } from '@sf/testing';
import { startWriteKit, type WriteKit } from '../testing/write-kit';

const CREATES = 200;

describe('kill -9 of the writer during 200 creates (processes, real Postgres, simulator)', () => {
  let kit: WriteKit;
  let child: ServiceChild | undefined;
  beforeAll(async () => {
    kit = await startWriteKit();
  });
  afterAll(async () => {
    await child?.kill();
    await kit.close();
  });

  const spawnWriter = (): ServiceChild => {
    const token = kit.sim.edge.issueToken();
    return spawnService({
      main: 'apps/clio-fetcher/src/testing/writer-child.ts',
      readyLine: 'writer started',
      label: 'writer',
      env: {
        DATABASE_URL: kit.t.url,
        WRITER_CHILD_TOKEN: token.access_token,
        WRITER_CHILD_API_BASE: kit.sim.baseUrl(),
      },
    });
  };

  it('leaves exactly 200 notes in Clio, including creates applied whose answer was lost', async () => {
    const matterId = String([...kit.sim.store.table('matters').ascending()][0]!.id);
    // One create in five loses its answer after Clio applied it (the writer sees a reset).
    kit.sim.edge.faults.add(
      { kind: 'drop_response', path: '/api/v4/notes*', method: 'POST', probability: 0.2 },
      kit.sim.clock.now(),
    );
    const ids: string[] = [];
    for (let i = 0; i < CREATES; i++)
      ids.push(
        await kit.request('firm_kill', {
          entityType: 'matter_notes',
          operation: 'create',
          matterId,
          values: { subject: `kill note ${i}` },
        }),
      );
    const done = async (): Promise<number> =>
      (await Promise.all(ids.map((id) => kit.write(id)))).filter((w) => w?.status === 'applied').length;
    let kills = 0;
    // Kill at random points (0.3..3 s after start) while writes remain, up to 12 times; a last writer finishes.
    for (let round = 0; round < 12 && (await done()) < CREATES; round++) {
      child = spawnWriter();
      await child.started;
      await sleep(300 + Math.floor(Math.random() * 2_700));
      await child.kill();
      kills++;
    }
    child = spawnWriter();
    await child.started;
    await waitFor(done, (n) => n === CREATES, { timeoutMs: 300_000, intervalMs: 250 });
    await child.stop();
    child = undefined;
    const notes = [...kit.sim.store.table('notes').ascending()].filter((n) => n.subject.startsWith('kill note '));
    expect(kills).toBeGreaterThan(0);
    expect(notes).toHaveLength(CREATES);
    expect(new Set(notes.map((n) => n.subject)).size).toBe(CREATES);
    // Every write names its own record: no record was claimed twice.
    const recordIds = (await Promise.all(ids.map((id) => kit.write(id)))).map((w) => w?.recordId);
    expect(new Set(recordIds).size).toBe(CREATES);
  }, 900_000);
});
