import { sql, type Kysely } from 'kysely';
import type { ClioClientTables } from '../schema/clio-rate-budget.tables';
import type { Lane } from '../types';
import type { RateHeaders } from './rate-headers';

/** Assumed until a response's `X-RateLimit-Limit` says otherwise: Clio's peak-hours limit (D-RL). */
export const DEFAULT_LIMIT = 50;
/** Budget assumed for a server that sends no `X-RateLimit-*` headers at all (rate limiting off). */
export const UNMETERED_LIMIT = 1_000_000;
/** Clio counts requests per token in 60-second windows (D-RL). */
export const WINDOW_MS = 60_000;

/**
 * The last part of a window in which backfill may spend what the reserve still holds. A reserve kept to the end
 * of the window is lost with it: without the release a lone backfill runs at 80 % of the allowed rate. Interactive
 * or webhook work arriving in these seconds waits at most this long for the next window.
 */
export const RESERVE_RELEASE_MS = 10_000;

/** A refusal's `resetAt`: when the lane may try again (the window's end, or for backfill the reserve's release). */
export type Acquired = { ok: true; remaining: number } | { ok: false; resetAt: number };

/**
 * Units a lane must leave in the window: backfill keeps ceil(limit * reserveShare) until the window's last
 * `releaseMs`, the others may spend all. A window that has ended refills with the reserve in place.
 * Numeric, not float: 100 * 0.07 in binary floating point is 7.000000000000001 and would ceil to 8.
 */
const reserveSql = (lane: Lane, reserveShare: number, at: Date, releaseFrom: Date) =>
  lane === 'backfill'
    ? sql`(case when b.reset_at > ${at} and b.reset_at <= ${releaseFrom} then 0
               else ceil(b."limit" * ${String(reserveShare)}::numeric) end)`
    : sql`0`;

/**
 * The shared per-connection budget in `clio_rate_budgets`. Every method is one statement, so concurrent
 * processes cannot overspend: the conditional upsert either takes a unit or changes nothing.
 */
export class RateBudget {
  constructor(
    private readonly db: Kysely<ClioClientTables>,
    private readonly reserveShare: number,
    private readonly releaseMs: number = RESERVE_RELEASE_MS,
  ) {}

  /**
   * Takes one unit for `lane` at `now` (epoch ms). A window whose `reset_at` has passed refills to `limit`
   * (minus this unit) with a provisional end of now + 60 s until a response's headers give the real one. A refused
   * backfill unit while the reserve still holds units is told to come back when the reserve is released.
   */
  async acquire(connectionId: string, lane: Lane, now: number): Promise<Acquired> {
    const at = new Date(now);
    const nextReset = new Date(now + WINDOW_MS);
    const releaseFrom = new Date(now + this.releaseMs);
    // Raw SQL: CASE over the conflicting row in SET and WHERE of one upsert reads as the SQL it must be.
    const { rows } = await sql<{ remaining: number }>`
      insert into clio_rate_budgets as b (connection_id, "limit", remaining, reset_at, updated_at)
      values (${connectionId}, ${DEFAULT_LIMIT}, ${DEFAULT_LIMIT - 1}, ${nextReset}, ${at})
      on conflict (connection_id) do update set
        remaining = case when b.reset_at <= ${at} then b."limit" - 1 else b.remaining - 1 end,
        reset_at = case when b.reset_at <= ${at} then ${nextReset}::timestamptz else b.reset_at end,
        updated_at = ${at}
      where (case when b.reset_at <= ${at} then b."limit" else b.remaining end) > ${reserveSql(lane, this.reserveShare, at, releaseFrom)}
      returning b.remaining`.execute(this.db);
    if (rows.length > 0) return { ok: true, remaining: rows[0].remaining };
    const row = await this.db
      .selectFrom('clio_rate_budgets')
      .select(['reset_at', 'remaining'])
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    if (!row) return { ok: false, resetAt: now };
    const resetAt = row.reset_at.getTime();
    const release = resetAt - this.releaseMs;
    return { ok: false, resetAt: lane === 'backfill' && row.remaining > 0 && release > now ? release : resetAt };
  }

  /**
   * Re-syncs from a response's `X-RateLimit-*`. A response whose window has already ended is ignored. A limit
   * different from the row's (the provisional 50 of a new row, or Clio switching between peak and off-peak limits)
   * is adopted with the header's `remaining`. Otherwise, within the current window `remaining` only goes down (responses arrive out of order, and units we took for requests
   * still in flight are not in Clio's count yet); a response from a newer window than the row knows is adopted.
   */
  async observe(connectionId: string, h: RateHeaders, now: number, status = 200): Promise<void> {
    if (h.limit === undefined && h.remaining === undefined && h.resetAt === undefined) {
      // An error answered before the limiter (a 401 from an auth layer, a proxy's 5xx) says nothing about the window.
      if (status >= 400) return;
      // Clio sends these headers on every response (Clio's rate-limit docs); only an unmetered server (the simulator
      // with rate limiting off) omits them on a success. Planning 50/min against it would throttle for nothing.
      await this.db
        .updateTable('clio_rate_budgets')
        .set({
          limit: UNMETERED_LIMIT,
          remaining: UNMETERED_LIMIT,
          reset_at: new Date(now + WINDOW_MS),
          updated_at: new Date(now),
        })
        .where('connection_id', '=', connectionId)
        .execute();
      return;
    }
    if (h.remaining === undefined || h.resetAt === undefined || h.resetAt <= now) {
      if (h.limit !== undefined) {
        await this.db
          .updateTable('clio_rate_budgets')
          .set({ limit: h.limit, updated_at: new Date(now) })
          .where('connection_id', '=', connectionId)
          .execute();
      }
      return;
    }
    const at = new Date(now);
    const reset = new Date(h.resetAt);
    await sql`
      update clio_rate_budgets as b set
        "limit" = coalesce(${h.limit ?? null}::int4, b."limit"),
        remaining = case when b.reset_at <= ${at} or b.reset_at < ${reset}
                              or b."limit" <> coalesce(${h.limit ?? null}::int4, b."limit") then ${h.remaining}::int4
                         else least(b.remaining, ${h.remaining}::int4) end,
        reset_at = ${reset},
        updated_at = ${at}
      where b.connection_id = ${connectionId}`.execute(this.db);
  }

  /** After a 429: nothing left until `Retry-After` has passed, for every process sharing the connection. */
  async exhaust(connectionId: string, until: number, now: number): Promise<void> {
    await this.db
      .updateTable('clio_rate_budgets')
      .set({ remaining: 0, reset_at: new Date(until), updated_at: new Date(now) })
      .where('connection_id', '=', connectionId)
      .execute();
  }
}
