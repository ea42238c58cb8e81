import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isClioRegion, type ClioRegion } from '@sf/contracts';

/** Who started an authorisation, and for which Clio region: what a `state` is bound to. */
export interface StateBinding {
  firmId: string;
  userId: string;
  region: ClioRegion;
}

/** A decoded, authentic state: its binding plus the nonce of its single-use `oauth_states` row. */
export interface SignedState extends StateBinding {
  nonce: string;
}

export type StateCheck = { ok: true; state: SignedState } | { ok: false; reason: 'malformed' | 'bad_signature' };

/** Secrets shorter than this are refused at startup (HMAC-SHA256 wants at least its output size). */
export const MIN_STATE_SECRET_BYTES = 32;
/** Longest `state` accepted; anything longer is not ours and is refused before any work. */
const MAX_STATE_LENGTH = 2048;
const VERSION = 1;

const mac = (secret: Buffer, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest();

/** A fresh 256-bit nonce, base64url. */
export const newNonce = (): string => randomBytes(32).toString('base64url');

/**
 * `<base64url(JSON payload)>.<base64url(HMAC-SHA256)>`. The payload names the nonce, firm, user and region; it holds
 * ids only. Expiry and single use live in the nonce's database row, so one clock (Postgres') decides them.
 */
export const signState = (secret: Buffer, s: SignedState): string => {
  const payload = Buffer.from(
    JSON.stringify({ v: VERSION, n: s.nonce, f: s.firmId, u: s.userId, r: s.region }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
};

/** Checks the signature (in constant time) before anything else is read from the value. */
export const verifyState = (secret: Buffer, value: string): StateCheck => {
  if (value.length === 0 || value.length > MAX_STATE_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = value.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payload, sig] = parts as [string, string];
  const given = Buffer.from(sig, 'base64url');
  const want = mac(secret, payload);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, reason: 'bad_signature' };
  const state = parsePayload(payload);
  return state ? { ok: true, state } : { ok: false, reason: 'malformed' };
};

const parsePayload = (payload: string): SignedState | null => {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const strings = [o['n'], o['f'], o['u']].every((x) => typeof x === 'string' && x.length > 0);
  if (o['v'] !== VERSION || !strings || !isClioRegion(o['r'])) return null;
  return { nonce: o['n'] as string, firmId: o['f'] as string, userId: o['u'] as string, region: o['r'] };
};

/** True when a stored row is the one the state was signed for. */
export const sameBinding = (a: StateBinding, b: StateBinding): boolean =>
  a.firmId === b.firmId && a.userId === b.userId && a.region === b.region;
