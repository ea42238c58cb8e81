import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';
import { OpenFailure } from './vault-errors';

/**
 * AES-256-GCM sealing of small secrets. The sealed string is self-describing:
 * `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts, 12-byte random IV, 16-byte tag), so a value can be opened
 * with the key that sealed it after the active key has moved on. The additional authenticated data (AAD) binds
 * the value to where it is stored (see tokenAad): copying it to another row or column makes it fail to open.
 */

const VERSION = 'v1';
const ALG = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type OpenResult = { ok: true; plaintext: string } | { ok: false; reason: OpenFailure };

/** The format version and key id are authenticated too, so relabelling a value with another kid fails. */
const fullAad = (kid: string, aad: string): Buffer => Buffer.from(`${VERSION}|${kid}|${aad}`, 'utf8');

/** Seals `plaintext` with the keyring's active key. */
export const seal = (keyring: Keyring, plaintext: string, aad: string): string => {
  const kid = keyring.activeKid;
  const key = keyring.keys.get(kid);
  if (!key) throw new Error(`token vault: active key id "${kid}" missing from keyring`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALG, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(fullAad(kid, aad));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, kid, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
};

/** The key id a sealed value names, or null when the value is not in the sealed format. */
export const sealedKeyId = (sealed: string): string | null => {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === VERSION && parts[1] ? parts[1] : null;
};

/** Opens a sealed value with the key it names. Every failure is a value; the reason never carries secret bytes. */
export const open = (keyring: Keyring, sealed: string, aad: string): OpenResult => {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: OpenFailure.Malformed };
  const [, kid, ivPart, tagPart, ctPart] = parts as [string, string, string, string, string];
  const key = keyring.keys.get(kid);
  if (!key) return { ok: false, reason: OpenFailure.UnknownKey };
  const iv = Buffer.from(ivPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return { ok: false, reason: OpenFailure.Malformed };
  try {
    const decipher = createDecipheriv(ALG, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(fullAad(kid, aad));
    decipher.setAuthTag(tag);
    const pt = Buffer.concat([decipher.update(Buffer.from(ctPart, 'base64url')), decipher.final()]);
    return { ok: true, plaintext: pt.toString('utf8') };
  } catch {
    // node:crypto only says "Unsupported state or unable to authenticate data"; nothing useful to keep.
    return { ok: false, reason: OpenFailure.Unauthentic };
  }
};

export type ResealResult = { ok: true; sealed: string; changed: boolean } | { ok: false; reason: OpenFailure };

/**
 * Re-seals a value with the active key (key rotation). A value already under the active key is still opened, so a
 * corrupt value is reported rather than carried forward, but is returned unchanged: a rotation pass is idempotent.
 */
export const reseal = (keyring: Keyring, sealed: string, aad: string): ResealResult => {
  const opened = open(keyring, sealed, aad);
  if (!opened.ok) return opened;
  if (sealedKeyId(sealed) === keyring.activeKid) return { ok: true, sealed, changed: false };
  return { ok: true, sealed: seal(keyring, opened.plaintext, aad), changed: true };
};
