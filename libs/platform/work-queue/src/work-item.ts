/** Where a queued job stands. Only `ready` jobs are claimed; `paused` waits for a resume; the others are final. */
export const WorkStatus = { ready: 'ready', paused: 'paused', done: 'done', cancelled: 'cancelled' } as const;
export type WorkStatus = (typeof WorkStatus)[keyof typeof WorkStatus];

/** A queued job; `payload` holds the fields only its service reads. */
export interface WorkItem<P> {
  queue: string;
  jobId: string;
  firmId: string;
  correlationId: string;
  status: WorkStatus;
  /** Worker id holding the lease; null when free. */
  owner: string | null;
  /** Consecutive failed attempts without progress, as last recorded by a release. */
  attempts: number;
  payload: P;
}

/** What a service queues; `requestedAt` orders claims (oldest first). */
export interface NewWork<P> {
  jobId: string;
  firmId: string;
  correlationId: string;
  requestedAt: string;
  payload: P;
  /** Default `ready`; `cancelled` records a job its service already knows is over. */
  status?: WorkStatus;
}

/**
 * Proof of a claim. `generation` is the fencing token: it grows with every claim of the job, and renewing,
 * releasing and settling succeed only while the row still carries it, so a holder whose lease expired and was
 * claimed again (by another process, or by this one) can no longer act.
 */
export interface Lease {
  queue: string;
  jobId: string;
  owner: string;
  generation: number;
}

/** A claimed job and the lease that lets its worker act on it. */
export interface Claim<P> {
  item: WorkItem<P>;
  lease: Lease;
}

/** Decodes a stored payload; a payload it cannot read is a bug in the service that queued it, so it throws. */
export type PayloadDecoder<P> = (raw: unknown) => P;
