import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Lane } from '@sf/clio-client';
import type { ProcessingStep, StepResult } from './processing-step';

/**
 * The default step: downloads the latest version through the Clio client (within the shared rate budget) and
 * streams it through SHA-256 chunk by chunk, so memory stays constant whatever the file size. Processing jobs are
 * bulk work, so the default lane is `backfill`: it leaves the reserve to interactive requests and webhooks.
 */
export const downloadHashStep = (lane: Lane = 'backfill'): ProcessingStep => ({
  name: 'download-hash',
  async process(doc, ctx): Promise<StepResult> {
    const d = await ctx.client.download(doc.documentId, lane);
    if (!d.ok) {
      // A 4xx (e.g. 404: gone from Clio) will not change on retry; exhausted transient failures may next time.
      const retryable =
        d.kind === 'rate_limited' ||
        (d.kind === 'failed' && !(d.status !== undefined && d.status >= 400 && d.status < 500));
      return { ok: false, retryable, reason: `download ${d.kind}` };
    }
    const hash = createHash('sha256');
    let size = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done();
      },
    });
    try {
      await pipeline(d.body, sink, { signal: ctx.signal });
    } catch {
      return { ok: false, retryable: true, reason: 'download interrupted' };
    }
    return {
      ok: true,
      facts: { sha256: hash.digest('hex'), size, contentType: d.contentType ?? 'application/octet-stream' },
    };
  },
});
