import { KeyringConfigError } from './vault-errors';

/** AES-256 keys by key id, and the id new values are sealed with. */
export interface Keyring {
  readonly activeKid: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** Env var names, verbatim. */
export const KeyringEnv = {
  /** `kid1:<base64 32 bytes>,kid2:<base64 32 bytes>`; every key that may still be in the table. */
  Keys: 'TOKEN_VAULT_KEYS',
  /** Key id new values are sealed with; must be one of the ids in TOKEN_VAULT_KEYS. */
  ActiveKid: 'TOKEN_VAULT_ACTIVE_KID',
} as const;

const KEY_BYTES = 32;
/** Key ids appear in the sealed format, which uses `.` as separator. */
const KID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Builds a keyring from explicit parts. Errors say which entry is wrong and why, never the key bytes.
 */
export const createKeyring = (
  entries: ReadonlyArray<readonly [kid: string, key: Buffer]>,
  activeKid: string,
): Keyring => {
  const keys = new Map<string, Buffer>();
  entries.forEach(([kid, key], i) => {
    if (!KID_PATTERN.test(kid)) throw new KeyringConfigError(`entry ${i + 1}: key id must match ${KID_PATTERN.source}`);
    if (keys.has(kid)) throw new KeyringConfigError(`entry ${i + 1}: key id "${kid}" appears twice`);
    if (key.length !== KEY_BYTES) {
      throw new KeyringConfigError(`key "${kid}" must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    keys.set(kid, Buffer.from(key));
  });
  if (keys.size === 0) throw new KeyringConfigError('no keys given');
  if (!keys.has(activeKid)) throw new KeyringConfigError(`active key id "${activeKid}" is not among the keys`);
  return { activeKid, keys };
};

const parseEntry = (entry: string, i: number): [string, Buffer] => {
  const sep = entry.indexOf(':');
  if (sep <= 0) throw new KeyringConfigError(`${KeyringEnv.Keys} entry ${i + 1} must look like kid:base64key`);
  const kid = entry.slice(0, sep).trim();
  const encoded = entry.slice(sep + 1).trim();
  if (!BASE64_PATTERN.test(encoded)) {
    throw new KeyringConfigError(`${KeyringEnv.Keys} entry ${i + 1} (key id "${kid}"): key is not valid base64`);
  }
  return [kid, Buffer.from(encoded, 'base64')];
};

/**
 * Reads `TOKEN_VAULT_KEYS` and `TOKEN_VAULT_ACTIVE_KID`. Call once at startup: a missing or invalid keyring
 * throws a {@link KeyringConfigError} so the service fails fast instead of failing on the first token.
 */
export const keyringFromEnv = (env: NodeJS.ProcessEnv = process.env): Keyring => {
  const raw = env[KeyringEnv.Keys]?.trim();
  if (!raw) throw new KeyringConfigError(`${KeyringEnv.Keys} is not set`);
  const active = env[KeyringEnv.ActiveKid]?.trim();
  if (!active) throw new KeyringConfigError(`${KeyringEnv.ActiveKid} is not set`);
  const entries = raw
    .split(',')
    .filter((s) => s.trim().length > 0)
    .map(parseEntry);
  return createKeyring(entries, active);
};
