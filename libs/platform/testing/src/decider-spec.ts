/**
 * Given/when/then for pure deciders, shaped like Emmett's DeciderSpecification:
 *
 *   const spec = DeciderSpecification.for({ decide, evolve, initialState });
 *   spec.given([jobRequested]).when(startJob).then([jobStarted]);
 *   spec.given([jobStarted]).when(startJob).thenReturns({ ok: false, reason: 'already_started' });
 *   spec.given([jobStarted]).when(heartbeat).thenNothingHappened();
 *
 * State comes only from folding the given events through `evolve`; time is an argument (fixed by default).
 */

/** A pure decider. `Decision` is whatever decide returns: events, or a value such as `{ ok: false, reason }`. */
export interface Decider<State, Command, Event, Decision> {
  decide: (command: Command, state: State, now: Date) => Decision;
  evolve: (state: State, event: Event) => State;
  /** A factory, so a decider that mutates by mistake cannot leak state between scenarios. */
  initialState: () => State;
}

export interface DeciderSpecOptions<Event, Decision> {
  /** The events inside a decision; [] for a decision that carries none (a rejection). */
  eventsOf: (decision: Decision) => readonly Event[];
  /** `now` passed to decide unless `when` names one. Default 2026-01-01T00:00:00Z. */
  now?: Date;
}

export interface DeciderThen<Event, Decision> {
  /** The decision's events equal `expected`, in order. */
  then(expected: readonly Event[]): void;
  /** decide returned exactly `expected` (deep equality). */
  thenReturns(expected: Decision): void;
  /** The decision carries no events. */
  thenNothingHappened(): void;
  /** decide threw (a bug or broken invariant, not an expected outcome); `check` may inspect the error. */
  thenThrows(check?: (error: unknown) => boolean): void;
}

export interface DeciderGiven<Command, Event, Decision> {
  when(command: Command, now?: Date): DeciderThen<Event, Decision>;
}

export interface DeciderSpec<Command, Event, Decision> {
  given(events: readonly Event[]): DeciderGiven<Command, Event, Decision>;
}

export const DEFAULT_DECIDER_NOW = new Date('2026-01-01T00:00:00.000Z');

type Outcome<Decision> = { threw: false; decision: Decision } | { threw: true; error: unknown };

function forDecider<S, C, E>(
  decider: Decider<S, C, E, E | readonly E[]>,
  opts?: { now?: Date },
): DeciderSpec<C, E, E | readonly E[]>;
function forDecider<S, C, E, D>(decider: Decider<S, C, E, D>, opts: DeciderSpecOptions<E, D>): DeciderSpec<C, E, D>;
function forDecider<S, C, E, D>(
  decider: Decider<S, C, E, D>,
  opts?: Partial<DeciderSpecOptions<E, D>>,
): DeciderSpec<C, E, D> {
  // Without eventsOf, decide returns an event or an array of events (the first overload).
  const eventsOf = opts?.eventsOf ?? ((d: D): readonly E[] => (Array.isArray(d) ? d : [d]) as readonly E[]);
  return {
    given: (events) => ({
      when: (command, now = opts?.now ?? DEFAULT_DECIDER_NOW) => {
        const state = events.reduce(decider.evolve, decider.initialState());
        let outcome: Outcome<D>;
        try {
          outcome = { threw: false, decision: decider.decide(command, state, now) };
        } catch (error) {
          outcome = { threw: true, error };
        }
        return thenFor(outcome, eventsOf);
      },
    }),
  };
}

const thenFor = <E, D>(outcome: Outcome<D>, eventsOf: (d: D) => readonly E[]): DeciderThen<E, D> => {
  const decided = (): D => {
    if (outcome.threw)
      throw new Error(`decide threw instead of deciding: ${String(outcome.error)}`, { cause: outcome.error });
    return outcome.decision;
  };
  return {
    then: (expected) => expect(eventsOf(decided())).toEqual(expected),
    thenReturns: (expected) => expect(decided()).toEqual(expected),
    thenNothingHappened: () => expect(eventsOf(decided())).toEqual([]),
    thenThrows: (check) => {
      if (!outcome.threw) throw new Error(`decide returned instead of throwing: ${JSON.stringify(outcome.decision)}`);
      if (check && !check(outcome.error))
        throw new Error(`decide threw an unexpected error: ${String(outcome.error)}`, { cause: outcome.error });
    },
  };
};

export const DeciderSpecification = { for: forDecider } as const;
