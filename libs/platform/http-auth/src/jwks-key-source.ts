import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
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

/** RSA keys shorter than this are refused whatever the JWKS says. */
const MIN_MODULUS_BITS = 2048;
/** Key used when a token has no kid: only when the set holds exactly one key. */
const SOLE = Symbol('sole');

const toKey = (jwk: unknown): [string | typeof SOLE, KeyObject] | null => {
  if (typeof jwk !== 'object' || jwk === null) return null;
  const j = jwk as Record<string, unknown>;
  if (j['kty'] !== 'RSA' || (j['use'] !== undefined && j['use'] !== 'sig') || (j['alg'] !== undefined && j['alg'] !== 'RS256')) return null;
  try {
    const key = createPublicKey({ key: j as JsonWebKey, format: 'jwk' });
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_MODULUS_BITS) return null;
    return [typeof j['kid'] === 'string' ? j['kid'] : SOLE, key];
  } catch {
    return null;
  }
};

/**
 * Fetches and caches a JWKS. Concurrent lookups share one fetch; a failed refresh keeps serving the last good set
 * (an identity provider blip must not log everyone out), and only a cold start with no set answers `unavailable`.
 */
export class JwksKeySource implements KeySource {
  private keys: Map<string | typeof SOLE, KeyObject> | null = null;
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private inflight: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: JwksKeySourceOptions) {
    this.now = opts.now ?? Date.now;
  }

  async getKey(kid: string | undefined): Promise<KeyLookup> {
    const stale = this.now() - this.fetchedAt >= (this.opts.cacheMs ?? 600_000);
    const missing = this.keys !== null && this.lookup(kid) === null;
    const mayRefetch = this.now() - this.attemptedAt >= (this.opts.minRefetchMs ?? 30_000);
    // A stale set or an unknown kid refetches, at most once per minRefetchMs, so a JWKS outage is not hammered.
    if (this.keys === null || ((stale || missing) && mayRefetch)) await this.refresh();
    if (this.keys === null) return { kind: 'unavailable' };
    const key = this.lookup(kid);
    return key ? { kind: 'found', key } : { kind: 'unknown_kid' };
  }

  private lookup(kid: string | undefined): KeyObject | null {
    if (!this.keys) return null;
    if (kid !== undefined) return this.keys.get(kid) ?? null;
    return this.keys.size === 1 ? [...this.keys.values()][0]! : null;
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
      const list = (body as { keys?: unknown } | null)?.keys;
      if (!Array.isArray(list)) return;
      const keys = new Map(list.map(toKey).filter((e): e is [string | typeof SOLE, KeyObject] => e !== null));
      if (keys.size === 0) return;
      this.keys = keys;
      this.fetchedAt = this.now();
    } catch {
      // Keep the last good set; `unavailable` is reported only when there is none.
    }
  }
}
