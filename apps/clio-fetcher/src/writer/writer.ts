import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createClioClient, type ClioClient, type TokenProvider } from '@sf/clio-client';
import { nextPendingWrites } from '@sf/clio-mirror';
import { retryDelayMs } from '@sf/clio-writes';
import type { FetcherDb } from '../schema/fetcher-schema';
import { sendWrite, type WriteTurn } from './send-write';
import { registerWriterGauges } from './writer-metrics';

export interface WriterOptions {
  db: Kysely<FetcherDb>;
  tokens: TokenProvider;
  log: Logger;
  /**
   * Records written at once by this process. Default 4. Each running slot holds one pooled connection (the record's
   * lock, its reads and appends) and its Clio client takes another briefly for the rate budget: size the pool above it.
   */
  slots?: number;
  /** Pause when nothing is ready, ms. Default 200. */
  pollMs?: number;
  /** How long a firm whose connection needs re-authorisation waits before it is tried again, ms. Default 30 s. */
  reauthWaitMs?: number;
  /** Longest pause between probes of a firm whose Clio does not answer, ms. Default 5 000. */
  maxProbeGapMs?: number;
  /** Client options for every firm (tests: timeouts, base of backoff). */
  client?: { requestTimeoutMs?: number; maxWaitMs?: number };
  now?: () => number;
  random?: () => number;
}

export interface Writer {
  stop(): Promise<void>;
  /** Turns taken so far (each a write sent, looked up or settled), for tests and metrics. */
  turns(): number;
}

/**
 * The writer (a role of the clio-fetcher): takes the first open write of each record from the pending-writes read
 * model, holds the record's advisory lock on one connection (so one replica writes a record at a time, and a killed
 * writer's lock goes with its connection), and sends the write through the `interactive` lane of the firm's shared
 * rate budget. A transient failure parks the record with backoff; a rate limit or a connection needing
 * re-authorisation parks the whole firm; neither ever gives a write up, so writes go out by themselves, in order, once
 * Clio can take them.
 */
export const startWriter = (o: WriterOptions): Writer => {
  const slots = o.slots ?? 4;
  const pollMs = o.pollMs ?? 200;
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const clients = new Map<string, ClioClient>();
  const recordWait = new Map<string, { until: number; failures: number }>();
  const firmWait = new Map<string, number>();
  const firmFailures = new Map<string, number>();
  const busy = new Set<string>();
  const busyFirm = new Map<string, string>();
  const unsent = new Set<string>();
  const ac = new AbortController();
  let turns = 0;

  const clientOf = (firmId: string): ClioClient => {
    let c = clients.get(firmId);
    if (!c) {
      // One attempt per request: the writer decides about resending (a create is looked up first), never the client.
      c = createClioClient({
        db: o.db,
        firmId,
        tokens: o.tokens,
        retry: { attempts: 1 },
        // Never wait for the budget inside a slot: a rate-limited firm is parked until its window resets and the
        // slot goes on with other firms' records.
        maxWaitMs: 0,
        ...o.client,
      });
      clients.set(firmId, c);
    }
    return c;
  };

  const afterTurn = (firmId: string, recordKey: string, t: WriteTurn): void => {
    turns++;
    if (t.kind === 'settled') {
      recordWait.delete(recordKey);
      firmFailures.delete(firmId);
      return;
    }
    if (t.kind === 'firm_wait') {
      firmWait.set(firmId, t.untilMs ?? now() + (o.reauthWaitMs ?? 30_000));
      return;
    }
    if (t.scope === 'firm') {
      // Clio does not answer: every record of the firm waits, and the next turn (one record) probes. Short steps, so
      // the queue drains soon after Clio is back.
      const failures = (firmFailures.get(firmId) ?? 0) + 1;
      firmFailures.set(firmId, failures);
      firmWait.set(firmId, now() + retryDelayMs(failures, random(), 250, o.maxProbeGapMs ?? 5_000));
      return;
    }
    const failures = (recordWait.get(recordKey)?.failures ?? 0) + 1;
    recordWait.set(recordKey, { until: now() + retryDelayMs(failures, random()), failures });
  };

  /** One record under its advisory lock (session-level, on a connection of its own). */
  const runRecord = async (firmId: string, writeId: string, recordKey: string): Promise<void> => {
    await o.db.connection().execute(async (conn) => {
      const { rows } = await sql<{
        ok: boolean;
      }>`select pg_try_advisory_lock(hashtextextended(${recordKey}, 7)) as ok`.execute(conn);
      if (!rows[0]?.ok) return;
      try {
        // The turn's reads and appends go on the connection that holds the lock: one pooled connection per slot.
        const turn = await sendWrite(
          { db: conn, client: clientOf(firmId), now: () => new Date(now()), unsent },
          firmId,
          writeId,
        );
        afterTurn(firmId, recordKey, turn);
        if (turn.kind !== 'settled')
          o.log.info({ firmId, writeId, turn: turn.kind, reason: turn.reason }, 'write waits');
      } finally {
        await sql`select pg_advisory_unlock(hashtextextended(${recordKey}, 7))`.execute(conn);
      }
    });
  };

  const loop = async (): Promise<void> => {
    const running = new Set<Promise<void>>();
    while (!ac.signal.aborted) {
      let started = 0;
      try {
        const t = now();
        const heads = await nextPendingWrites(o.db, 500);
        for (const h of heads) {
          if (running.size >= slots) break;
          if (busy.has(h.recordKey)) continue;
          if ((firmWait.get(h.firmId) ?? 0) > t || (recordWait.get(h.recordKey)?.until ?? 0) > t) continue;
          // While a firm's Clio does not answer, one record at a time probes it.
          if ((firmFailures.get(h.firmId) ?? 0) > 0 && [...busy].some((k) => busyFirm.get(k) === h.firmId)) continue;
          busy.add(h.recordKey);
          busyFirm.set(h.recordKey, h.firmId);
          started++;
          const p: Promise<void> = runRecord(h.firmId, h.writeId, h.recordKey)
            .catch((err: unknown) => {
              o.log.error({ writeId: h.writeId, err: String(err) }, 'write turn crashed');
              afterTurn(h.firmId, h.recordKey, { kind: 'retry', reason: 'crashed', scope: 'record' });
            })
            .finally(() => {
              busy.delete(h.recordKey);
              busyFirm.delete(h.recordKey);
              running.delete(p);
            });
          running.add(p);
        }
      } catch (err) {
        o.log.error({ err: String(err) }, 'writer poll failed');
      }
      if (running.size >= slots) await Promise.race(running);
      else if (started === 0) await sleep(pollMs, undefined, { signal: ac.signal }).catch(() => undefined);
    }
    await Promise.allSettled([...running]);
  };

  const unregisterGauges = registerWriterGauges(o.db);
  const done = loop();
  return {
    stop: async () => {
      ac.abort();
      await done;
      unregisterGauges();
    },
    turns: () => turns,
  };
};
