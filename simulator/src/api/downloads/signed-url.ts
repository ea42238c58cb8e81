import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a download URL grants: one version's bytes until `expiresAt` (epoch ms). */
export interface DownloadGrant {
  documentId: number;
  versionId: number;
  expiresAt: number;
}

const sign = (key: Buffer, payload: string): string => createHmac('sha256', key).update(payload).digest('base64url');

export const encodeGrant = (key: Buffer, g: DownloadGrant): string => {
  const payload = Buffer.from(JSON.stringify([g.documentId, g.versionId, g.expiresAt])).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
};

export type GrantCheck = { ok: true; grant: DownloadGrant } | { ok: false; reason: 'invalid' | 'expired' };

export const decodeGrant = (key: Buffer, token: string, now: number): GrantCheck => {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'number'))
    return { ok: false, reason: 'invalid' };
  const [documentId, versionId, expiresAt] = parts as number[];
  if (now > expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { documentId, versionId, expiresAt } };
};
