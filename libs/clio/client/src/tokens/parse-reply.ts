import { AccessTokenFailures, isClioRegion, type AccessTokenFailure, type AccessTokenReply } from '@sf/contracts';

const FAILURES = new Set<string>(Object.values(AccessTokenFailures));

/** Narrows a wire reply to `AccessTokenReply`; null when it does not have that shape. */
export function parseAccessTokenReply(text: string): AccessTokenReply | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (r.ok === true) {
    const { accessToken, expiresAt, region, apiBaseUrl, connectionId } = r;
    if (typeof accessToken !== 'string' || typeof expiresAt !== 'string' || Number.isNaN(Date.parse(expiresAt)))
      return null;
    if (!isClioRegion(region)) return null;
    if (typeof apiBaseUrl !== 'string' || typeof connectionId !== 'string') return null;
    return { ok: true, accessToken, expiresAt, region, apiBaseUrl, connectionId };
  }
  if (r.ok === false && typeof r.reason === 'string' && FAILURES.has(r.reason)) {
    return {
      ok: false,
      reason: r.reason as AccessTokenFailure,
      message: typeof r.message === 'string' ? r.message : '',
    };
  }
  return null;
}
