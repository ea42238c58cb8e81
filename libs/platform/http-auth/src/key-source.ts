import type { CryptoKey, KeyObject } from 'jose';

export type KeyLookup =
  | { kind: 'found'; key: CryptoKey | KeyObject }
  /** No key with that kid (or no kid and not exactly one key): the token is not ours. */
  | { kind: 'unknown_kid' }
  /** The key set could not be fetched and nothing usable is cached. */
  | { kind: 'unavailable' };

/** Public keys for RS256 verification, looked up by the token header's `kid`. */
export interface KeySource {
  getKey(kid: string | undefined): Promise<KeyLookup>;
}
