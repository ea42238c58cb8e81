// Test-only: the writer's world, real except Clio: a fresh database, the simulator, the mirror and pending-writes
// projections running, and an in-memory token provider minting simulator tokens.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { EventStoreTables } from '@sf/event-store';
import { createSimulator, type Simulator, type SimulatorOptions } from '@sf/clio-simulator';
import { createInMemoryTokenProvider, type TokenProvider } from '@sf/clio-client';
import { tablesOf, type Executor } from '@sf/db';
import {
  appendWriteEvents,
  clioMirrorProjection,
  loadWrite,
  pendingWritesProjection,
  type ClioMirrorTables,
  type ClioPendingWritesTables,
} from '@sf/clio-mirror';
import { decideWrite, type WriteRequest, type WriteState } from '@sf/clio-writes';
import { startProjectionRunner, widenProjection, type ProjectionRunner, type ProjectionsTables } from '@sf/projections';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import type { FetcherDb } from '../schema/fetcher-schema';
import { startWriter, type Writer, type WriterOptions } from '../writer/writer';

export type WriteKitDb = FetcherDb & ProjectionsTables;

export interface WriteKit {
  sim: Simulator;
  t: TestDatabase<WriteKitDb>;
  tokens: TokenProvider;
  projections: ProjectionRunner;
  /** `connection revoked` for these firms (what the auth service answers once a person revoked the connection). */
  revoked: Set<string>;
  startWriter(over?: Partial<WriterOptions>): Writer;
  /** Records a write as the gateway does (`ClioWriteRequested`), with a fresh write id unless given. */
  request(
    firmId: string,
    r: Partial<WriteRequest> & Pick<WriteRequest, 'entityType' | 'operation' | 'values'>,
  ): Promise<string>;
  write(writeId: string): Promise<WriteState | null>;
  /** Waits until the write is no longer pending (the writer recorded an outcome). */
  settled(writeId: string, timeoutMs?: number): Promise<WriteState>;
  close(): Promise<void>;
}

/** Records a write as the gateway does (`ClioWriteRequested`), with a fresh write id unless given. */
export const requestTestWrite = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  firmId: string,
  r: Partial<WriteRequest> & Pick<WriteRequest, 'entityType' | 'operation' | 'values'>,
): Promise<string> => {
  const writeId = r.writeId ?? randomUUID();
  const request: WriteRequest = {
    writeId,
    idempotencyKey: uniqueName('key'),
    recordId: null,
    matterId: null,
    contactId: null,
    baseEtag: null,
    baseValues: null,
    requestedBy: 'user-1',
    ...r,
  };
  const d = decideWrite(null, { kind: 'request', request });
  if (d.rejected) throw new Error(d.reason);
  await appendWriteEvents(db, writeId, 0, d.events, {
    firmId,
    correlationId: writeId,
    causationId: null,
    at: new Date(),
  });
  return writeId;
};

/** `poolMax`: the test database's pool (default 10); a writer's running slots each hold one connection. */
export const startWriteKit = async (sim: SimulatorOptions = {}, poolMax = 10): Promise<WriteKit> => {
  const s = await createSimulator({ size: 'small', rateLimit: { limit: 1_000_000 }, ...sim });
  const t = await createTestDatabase<WriteKitDb>({ max: poolMax });
  const projections = startProjectionRunner(
    t.db,
    [
      widenProjection<ClioMirrorTables, WriteKitDb>(clioMirrorProjection),
      widenProjection<ClioPendingWritesTables, WriteKitDb>(pendingWritesProjection),
    ],
    { idleMs: 10 },
  );
  const revoked = new Set<string>();
  const tokens = createInMemoryTokenProvider((firmId) => {
    if (revoked.has(firmId)) return { ok: false, reason: 'revoked', message: 'revoked' };
    const token = s.edge.issueToken();
    return {
      ok: true,
      accessToken: token.access_token,
      expiresAt: new Date(Date.now() + token.expires_in * 1000).toISOString(),
      region: 'us',
      apiBaseUrl: s.baseUrl(),
      connectionId: randomUUID(),
    };
  });
  const writers: Writer[] = [];
  const write = async (id: string) => (await loadWrite(t.db, id)).state;
  return {
    sim: s,
    t,
    tokens,
    projections,
    revoked,
    startWriter: (over = {}) => {
      const w = startWriter({
        db: tablesOf<FetcherDb, WriteKitDb>(t.db),
        tokens,
        log: pino({ level: 'silent' }),
        pollMs: 20,
        ...over,
      });
      writers.push(w);
      return w;
    },
    request: (firmId, r) => requestTestWrite(t.db, firmId, r),
    write,
    settled: (writeId, timeoutMs = 20_000) =>
      waitFor(
        () => write(writeId),
        (w) => w !== null && w.status !== 'pending',
        { timeoutMs },
      ) as Promise<WriteState>,
    close: async () => {
      await Promise.all(writers.map((w) => w.stop()));
      await projections.stop();
      await t.drop();
      await s.close();
    },
  };
};
