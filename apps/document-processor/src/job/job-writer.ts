import { readLoggedEvent, StreamTypes, streamIds, type NewEvent, type RecordedEvent } from '@sf/contracts';
import type { Kysely } from 'kysely';
import { appendToStream, readStream } from '@sf/event-store';
import {
  countOutcomes,
  evolveProcessingJob,
  foldProcessingJob,
  isFinished,
  type ProcessingJobState,
} from '@sf/sync-jobs';
import type { DocumentFacts } from '../steps/processing-step';
import { renewLease, type Lease } from '@sf/work-queue';
import { jobEvent, type EventOrigin } from './job-events';
import type { ProcessorDb } from '../schema/processor-schema';

/** One document's outcome, appended to the job stream. */
export type Outcome =
  | { kind: 'processed'; documentId: string; facts: DocumentFacts }
  | { kind: 'skipped'; documentId: string; reason: string }
  | { kind: 'failed'; documentId: string; reason: string };

/** `written`; `duplicate` (another worker recorded this document first); `stopped` (job closed or lease lost). */
export type AppendDisposition = 'written' | 'duplicate' | 'stopped';

export interface JobWriterDeps {
  db: Kysely<ProcessorDb>;
  jobId: string;
  origin: EventOrigin;
  /** The claim's lease, presented (and renewed) with every append. */
  lease: Lease;
  leaseMs: number;
  now?: () => Date;
}

/**
 * Appends a job's outcomes one at a time (appends are serialised, documents are not) at the exact stream version
 * last seen, renewing the lease in the same transaction. A conflict re-reads the stream: a document that already
 * has an outcome is never recorded twice, and a closed job stops.
 */
/** The job stream folded by the one processing-job fold; null when the stream holds no job. */
type JobState = ProcessingJobState | null;

const foldJob = (events: readonly RecordedEvent[]): JobState => foldProcessingJob(events.map(readLoggedEvent));

export class JobWriter {
  private chain: Promise<unknown> = Promise.resolve();
  private stoppedFlag = false;

  private constructor(
    private readonly d: JobWriterDeps,
    private current: JobState,
  ) {}

  static async open(d: JobWriterDeps): Promise<JobWriter> {
    return new JobWriter(d, foldJob(await readStream(d.db, streamIds.processingJob(d.jobId))));
  }

  get state(): JobState {
    return this.current;
  }
  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** Records a document's outcome unless it already has one. */
  append(o: Outcome): Promise<AppendDisposition> {
    return this.serial(() => this.appendLoop(o.documentId, () => [this.outcomeEvent(o)]));
  }

  /** Appends `JobCompleted` with the counts of the stream's outcomes. */
  complete(): Promise<AppendDisposition> {
    return this.serial(() =>
      this.appendLoop(null, () => [
        jobEvent(this.d.origin, this.now(), 'JobCompleted', { jobId: this.d.jobId, ...countOutcomes(this.current) }),
      ]),
    );
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.chain.then(f, f);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private now(): Date {
    return this.d.now ? this.d.now() : new Date();
  }

  private outcomeEvent(o: Outcome): NewEvent {
    const base = { jobId: this.d.jobId, documentId: o.documentId };
    if (o.kind === 'processed')
      return jobEvent(this.d.origin, this.now(), 'DocumentProcessed', { ...base, ...o.facts });
    return jobEvent(this.d.origin, this.now(), o.kind === 'skipped' ? 'DocumentSkipped' : 'DocumentFailed', {
      ...base,
      reason: o.reason,
    });
  }

  private async appendLoop(documentId: string | null, build: () => NewEvent[]): Promise<AppendDisposition> {
    for (;;) {
      if (this.stoppedFlag || isFinished(this.current)) return this.stop();
      if (documentId !== null && this.current?.outcomes.has(documentId)) return 'duplicate';
      const events = build();
      const r = await this.d.db.transaction().execute(async (trx) => {
        if (!(await renewLease(trx, this.d.lease, this.d.leaseMs))) return 'lost' as const;
        return appendToStream(
          trx,
          streamIds.processingJob(this.d.jobId),
          StreamTypes.processingJob,
          this.current?.version ?? 0,
          events,
        );
      });
      if (r === 'lost') return this.stop();
      if (r.ok) {
        // Appended at exactly the version held, so folding our own events gives the stream's state.
        this.current = r.events.reduce((s, e) => evolveProcessingJob(s, readLoggedEvent(e)), this.current);
        return 'written';
      }
      this.current = await this.reread();
    }
  }

  private stop(): 'stopped' {
    this.stoppedFlag = true;
    return 'stopped';
  }

  private async reread(): Promise<JobState> {
    return foldJob(await readStream(this.d.db, streamIds.processingJob(this.d.jobId)));
  }
}
