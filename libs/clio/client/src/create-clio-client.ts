import type { ClioClient, ClioClientOptions } from './types';

/** Placeholder while the implementation lands; the signature is final. */
export function createClioClient(opts: ClioClientOptions): ClioClient {
  void opts;
  throw new Error('createClioClient: implementation in progress');
}
