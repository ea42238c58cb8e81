import { randomBytes } from 'node:crypto';

export interface DownloadOptions {
  /** Lifetime of a signed download URL, ms. Default 5 minutes. */
  urlTtlMs?: number;
  /** HMAC key for download URLs. Default: random per simulator instance. */
  signingKey?: Buffer;
  /**
   * Size in bytes served for (document id, version id), overriding the version's stored `size`. The version's
   * `size` field is what the API reports, so keep them equal unless a test wants a mismatch. Default: none.
   */
  sizeOverride?: (documentId: number, versionId: number) => number | undefined;
}

export interface ResolvedDownloadOptions {
  urlTtlMs: number;
  signingKey: Buffer;
  sizeOverride?: (documentId: number, versionId: number) => number | undefined;
}

export const DEFAULT_DOWNLOAD_URL_TTL_MS = 5 * 60 * 1000;

export const resolveDownloadOptions = (opts: DownloadOptions = {}): ResolvedDownloadOptions => ({
  urlTtlMs: opts.urlTtlMs ?? DEFAULT_DOWNLOAD_URL_TTL_MS,
  signingKey: opts.signingKey ?? randomBytes(32),
  sizeOverride: opts.sizeOverride,
});
