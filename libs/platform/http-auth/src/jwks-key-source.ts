import { createLocalJWKSet, errors, type JSONWebKeySet, type JWK } from 'jose';
import { request, type Dispatcher } from 'undici';
import type { KeyLookup, KeySource } from './key-source';

export interface JwksKeySourceOptions {
  url: string;
  /** Trust a fetched key set this long, in ms. Default 600 000. */
  cacheMs?: number;
  /** An unknown kid refetches the set (key rotation), but at most this often, in ms. Default 30 000. */
  minRefetchMs?: number;
  /** Per-fetch timeout, in ms. Default 5 000. */
  timeoutMs?: number;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  dispatcher?: Dispatcher;
}

/** RSA keys shorter than this are left out of the set whatever the JWKS says (jose would refuse them at verify time). */
const MIN_MODULUS_BITS = 2048;
const ALG = 'RS256';

type LocalSet = ReturnType<typeof createLocalJWKSet>;

const strongEnough = (jwk: JWK): boolean =>
  jwk.kty !== 'RSA' || (typeof jwk.n === 'string' && Buffer.from(jwk.n, 'base64url').length * 8 >= MIN_MODULUS_BITS);

/** A jose key set of the usable keys of a JWKS body, or null when it has none. */
const keySetOf = (body: unknown): LocalSet | null => {
  const list = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) return null;
  const keys = list.filter((k): k is JWK => typeof k === 'object' && k !== null && strongEnough(k as JWK));
  if (keys.length === 0) return null;
  try {
    return createLocalJWKSet({ keys } as JSONWebKeySet);
  } catch {
    return null;
  }
};

/**
 * Fetches and caches a JWKS; jose picks and imports the key (kid, `kty`, `use`, `alg`). The fetching stays here
 * because jose's remote set drops the last good set when a refresh fails and measures its cooldown from the last
 * success, so a JWKS outage would log everyone out and be fetched on every request. Here concurrent lookups share
 * one fetch, a failed refresh keeps serving the last good set, refetches (stale set or unknown kid) happen at most
 * once per `minRefetchMs` counted from the last attempt (also while no set was ever fetched), and only a start with
 * no set answers `unavailable`.
 */
export class JwksKeySource implements KeySource {
  private keys: LocalSet | null = null;
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private inflight: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: JwksKeySourceOptions) {
    this.now = opts.now ?? Date.now;
  }

  async getKey(kid: string | undefined): Promise<KeyLookup> {
    const stale = this.now() - this.fetchedAt >= (this.opts.cacheMs ?? 600_000);
    const missing = this.keys !== null && (await this.lookup(kid)) === null;
    const mayRefetch = this.now() - this.attemptedAt >= (this.opts.minRefetchMs ?? 30_000);
    // No set yet, a stale set or an unknown kid (a rotated key) refetches, at most once per minRefetchMs counted
    // from the last attempt, so neither a JWKS outage nor a flood of made-up tokens turns into a flood of fetches
    // (a cold start with a failing JWKS answers `unavailable` until the next attempt is due).
    if (this.inflight) await this.inflight;
    else if ((this.keys === null || stale || missing) && mayRefetch) await this.refresh();
    if (this.keys === null) return { kind: 'unavailable' };
    const key = await this.lookup(kid);
    return key ? { kind: 'found', key } : { kind: 'unknown_kid' };
  }

  private async lookup(kid: string | undefined): Promise<Extract<KeyLookup, { kind: 'found' }>['key'] | null> {
    if (!this.keys) return null;
    try {
      return await this.keys({ alg: ALG, ...(kid === undefined ? {} : { kid }) });
    } catch (e) {
      if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) return null;
      throw e;
    }
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async fetch(): Promise<void> {
    this.attemptedAt = this.now();
    const timeout = this.opts.timeoutMs ?? 5_000;
    try {
      const res = await request(this.opts.url, {
        headers: { accept: 'application/json' },
        headersTimeout: timeout,
        bodyTimeout: timeout,
        ...(this.opts.dispatcher ? { dispatcher: this.opts.dispatcher } : {}),
      });
      const body: unknown = res.statusCode === 200 ? await res.body.json() : (await res.body.dump(), null);
      const keys = keySetOf(body);
      if (!keys) return;
      this.keys = keys;
      this.fetchedAt = this.now();
    } catch {
      // Keep the last good set; `unavailable` is reported only when there is none.
    }
  }
}
