import type { NewCatalogueEvent, StreamType } from '@sf/contracts';

/** `no_stream` for a stream that must not exist yet, else the exact version it must be at. */
export type Expectation = number | 'no_stream';

/** An append a decision asks for; the orchestrator performs all of a decision's appends in one transaction. */
export interface PlannedAppend {
  readonly streamId: string;
  readonly streamType: StreamType;
  readonly expected: Expectation;
  readonly events: readonly NewCatalogueEvent[];
}

export const expectationOf = (version: number): Expectation => (version === 0 ? 'no_stream' : version);
