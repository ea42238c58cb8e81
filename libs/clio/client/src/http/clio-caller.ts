import type { Dispatcher } from 'undici';
import { AccessTokenFailures, type AccessTokenReply } from '@sf/contracts';
import type { RateBudget } from '../budget/rate-budget';
import { WINDOW_MS } from '../budget/rate-budget';
import { parseRateHeaders, parseRetryAfterMs } from '../budget/rate-headers';
import type { ClioClientStats, Lane, PageFailure, TokenProvider } from '../types';
import { ClioHeader, ClioParam } from '../wire';
import { fullJitterMs } from './backoff';
import { readErrorType } from './read-json';
import { describeNetworkError, discard, httpSend, type RawResponse, type SendSpec } from './send';
import { observeClioRequest } from './request-telemetry';

/** Method and JSON body of a request that is not a GET (the caller adds the token, version and content type). */
export type WriteSpec = Pick<SendSpec, 'method' | 'body'> & { headers?: Record<string, string> };

/** What a reader makes of a 2xx/3xx response; `retry: false` means retrying cannot help. */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: string; retry: boolean };
export type Reader<T> = (res: RawResponse) => Promise<ReadResult<T>>;
export type CallResult<T> = { ok: true; value: T; apiCalls: number } | PageFailure;
type Token = Extract<AccessTokenReply, { ok: true }>;

export interface CallerConfig {
  firmId: string;
  tokens: TokenProvider;
  budget: RateBudget;
  apiVersion: string;
  attempts: number;
  baseMs: number;
  maxMs: number;
  maxWaitMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  dispatcher: Dispatcher;
  timeoutMs: number;
  stats: ClioClientStats;
}

/** Statuses with which Clio may refuse a stale `page_token` (it documents none; these are the plausible ones). */
const CURSOR_REFUSALS: ReadonlySet<number> = new Set([400, 404, 410, 422]);

/** Shortest planned wait when the budget refuses a unit although its window has ended (reserve >= limit). */
const MIN_PLAN_WAIT_MS = 250;

type Step<T> =
  | { kind: 'done'; result: CallResult<T> }
  | { kind: 'refresh' }
  | { kind: 'transient'; reason: string }
  | { kind: 'rate'; retryAt: number };

interface LoopState {
  failures: number;
  refreshed: boolean;
  rejected: string | undefined;
  calls: number;
}

const done = <T>(result: CallResult<T>): Step<T> => ({ kind: 'done', result });

/**
 * One logical Clio request with the whole policy around it: token from the provider, one budget unit per HTTP
 * request (planned waits), `X-RateLimit-*` re-sync, one refresh on 401, Retry-After on 429, full-jitter backoff on
 * transient failures, and outcomes as values. Reasons carry status codes and error types, never tokens or content.
 */
export class ClioCaller {
  constructor(private readonly c: CallerConfig) {}

  async call<T>(
    target: (apiBaseUrl: string) => URL | null,
    lane: Lane,
    read: Reader<T>,
    write?: WriteSpec,
  ): Promise<CallResult<T>> {
    const s: LoopState = { failures: 0, refreshed: false, rejected: undefined, calls: 0 };
    for (;;) {
      const step = await this.attempt(target, lane, read, s, write);
      if (step.kind === 'done') return step.result;
      if (step.kind === 'refresh') continue;
      s.failures++;
      if (s.failures >= this.c.attempts) {
        return step.kind === 'rate'
          ? {
              ok: false,
              kind: 'rate_limited',
              retryAt: step.retryAt,
              reason: `429 Too Many Requests ${s.failures} times`,
            }
          : { ok: false, kind: 'failed', reason: `${step.reason} (gave up after ${s.failures} attempts)` };
      }
      this.c.stats.retries++;
      // After a 429 the budget row is empty until Retry-After: the next acquire plans that wait.
      if (step.kind === 'transient')
        await this.c.sleep(fullJitterMs(s.failures, this.c.baseMs, this.c.maxMs, this.c.random));
    }
  }

  private async attempt<T>(
    target: (base: string) => URL | null,
    lane: Lane,
    read: Reader<T>,
    s: LoopState,
    write?: WriteSpec,
  ): Promise<Step<T>> {
    const tok = await this.c.tokens.getToken(
      this.c.firmId,
      s.rejected === undefined ? undefined : { rejectedToken: s.rejected },
    );
    s.rejected = undefined;
    if (!tok.ok) return tokenFailure(tok.reason);
    const url = target(tok.apiBaseUrl);
    if (!url) return done({ ok: false, kind: 'failed', reason: "cursor URL is not on the connection's Clio API base" });
    const slot = await this.plan(tok.connectionId, lane);
    if (!slot.ok) {
      return done({
        ok: false,
        kind: 'rate_limited',
        retryAt: slot.retryAt,
        reason: `rate budget for lane ${lane} exhausted until the window resets`,
      });
    }
    s.calls++;
    this.c.stats.apiCalls++;
    let res: RawResponse;
    const observed = observeClioRequest(url, lane, tok.connectionId, write?.method ?? 'GET');
    try {
      const headers = { ...this.headers(tok), ...write?.headers };
      if (write?.body !== undefined) headers['content-type'] = 'application/json';
      res = await httpSend(
        this.c.dispatcher,
        { method: write?.method ?? 'GET', url: url.toString(), headers, body: write?.body },
        this.c.timeoutMs,
      );
    } catch (err) {
      const reason = describeNetworkError(err);
      observed.failed(reason);
      return { kind: 'transient', reason };
    }
    const rate = parseRateHeaders(res.headers);
    observed.answered(res.status, rate);
    await this.c.budget.observe(tok.connectionId, rate, this.c.now(), res.status);
    return this.classify(res, tok, read, s, url.searchParams.has(ClioParam.PageToken));
  }

  private async classify<T>(
    res: RawResponse,
    tok: Token,
    read: Reader<T>,
    s: LoopState,
    onCursor: boolean,
  ): Promise<Step<T>> {
    const { status } = res;
    if (status === 401) return this.unauthorized(res, tok, s);
    if (status === 429) return this.tooMany(res, tok);
    if (status === 403) {
      const type = await readErrorType(res);
      return done({ ok: false, kind: 'forbidden', status, reason: `HTTP 403${type ? ` ${type}` : ''}` });
    }
    // A cursor Clio no longer takes: a retired API version would refuse the listing's first page too, and then throw.
    if (onCursor && CURSOR_REFUSALS.has(status)) {
      const type = await readErrorType(res);
      return done({
        ok: false,
        kind: 'cursor_rejected',
        status,
        reason: `page_token refused: HTTP ${status}${type ? ` ${type}` : ''}`,
      });
    }
    if (status === 410) {
      await discard(res);
      throw new Error(
        `Clio answered 410 Gone to X-API-VERSION ${this.c.apiVersion}: the pinned API version is invalid or retired`,
      );
    }
    if (status >= 500) {
      await discard(res);
      return { kind: 'transient', reason: `HTTP ${status}` };
    }
    if (status >= 400) {
      const type = await readErrorType(res);
      return done({ ok: false, kind: 'failed', status, reason: `HTTP ${status}${type ? ` ${type}` : ''}` });
    }
    const r = await read(res);
    if (r.ok) return done({ ok: true, value: r.value, apiCalls: s.calls });
    return r.retry
      ? { kind: 'transient', reason: r.reason }
      : done({ ok: false, kind: 'failed', status, reason: r.reason });
  }

  private async unauthorized<T>(res: RawResponse, tok: Token, s: LoopState): Promise<Step<T>> {
    await discard(res);
    if (s.refreshed) {
      // A fresh token refused too: the grant is dead. Tell the auth service (it marks the connection needs_reauth
      // if this is still its current token); the reply changes nothing here, so it is neither read nor retried.
      await this.c.tokens.getToken(this.c.firmId, { rejectedToken: tok.accessToken, unauthorizedAfterRefresh: true });
      return done({
        ok: false,
        kind: 'needs_reauth',
        reason: 'Clio rejected the access token again after a refresh (401)',
      });
    }
    s.refreshed = true;
    s.rejected = tok.accessToken;
    this.c.stats.refreshes++;
    return { kind: 'refresh' };
  }

  private async tooMany<T>(res: RawResponse, tok: Token): Promise<Step<T>> {
    await discard(res);
    this.c.stats.r429++;
    const now = this.c.now();
    const retryAt = now + (parseRetryAfterMs(res.headers, now) ?? WINDOW_MS);
    await this.c.budget.exhaust(tok.connectionId, retryAt, now);
    if (retryAt - now > this.c.maxWaitMs) {
      return done({
        ok: false,
        kind: 'rate_limited',
        retryAt,
        reason: `429 Too Many Requests with Retry-After ${Math.ceil((retryAt - now) / 1000)} s`,
      });
    }
    return { kind: 'rate', retryAt };
  }

  /** Takes a budget unit, waiting on the clock for the window to reset as long as the total wait stays under maxWaitMs. */
  private async plan(connectionId: string, lane: Lane): Promise<{ ok: true } | { ok: false; retryAt: number }> {
    const started = this.c.now();
    for (;;) {
      const got = await this.c.budget.acquire(connectionId, lane, this.c.now());
      if (got.ok) return { ok: true };
      // Measured on the clock after the refusal: another process may have opened the next window meanwhile, and
      // time spent waiting counts as it really passed (waits of several processes overlap).
      const now = this.c.now();
      const wait = Math.max(MIN_PLAN_WAIT_MS, got.resetAt - now);
      if (now - started + wait > this.c.maxWaitMs) return { ok: false, retryAt: now + wait };
      await this.c.sleep(wait);
    }
  }

  private headers(tok: Token): Record<string, string> {
    return {
      [ClioHeader.Authorization]: `Bearer ${tok.accessToken}`,
      [ClioHeader.ApiVersion]: this.c.apiVersion,
      [ClioHeader.Accept]: 'application/json',
    };
  }
}

function tokenFailure<T>(reason: string): Step<T> {
  if (reason === AccessTokenFailures.unavailable)
    return { kind: 'transient', reason: 'access token unavailable (auth service)' };
  if (reason === AccessTokenFailures.notConnected)
    return done({ ok: false, kind: 'not_connected', reason: 'firm has no Clio connection' });
  return done({ ok: false, kind: 'needs_reauth', reason: `Clio connection is ${reason}` });
}
