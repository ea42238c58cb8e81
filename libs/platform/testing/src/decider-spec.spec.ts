import { DEFAULT_DECIDER_NOW, DeciderSpecification } from './decider-spec';

// A toy decider: a counter that may be incremented up to a limit, stamped with the decision time.
type CounterEvent = { type: 'Incremented'; by: number; at: string } | { type: 'Reset'; at: string };
type CounterCommand = { type: 'Increment'; by: number } | { type: 'Reset' } | { type: 'Ping' } | { type: 'Explode' };
type Counter = { value: number };
const LIMIT = 10;

const evolve = (s: Counter, e: CounterEvent): Counter =>
  e.type === 'Incremented' ? { value: s.value + e.by } : { value: 0 };
const initialState = (): Counter => ({ value: 0 });

const decideEvents = (c: CounterCommand, s: Counter, now: Date): CounterEvent[] => {
  switch (c.type) {
    case 'Increment':
      return s.value + c.by > LIMIT ? [] : [{ type: 'Incremented', by: c.by, at: now.toISOString() }];
    case 'Reset':
      return s.value === 0 ? [] : [{ type: 'Reset', at: now.toISOString() }];
    case 'Ping':
      return [];
    case 'Explode':
      throw new RangeError('boom');
  }
};

type Decision = { ok: true; events: CounterEvent[] } | { ok: false; reason: 'over_limit'; value: number };
const decideValue = (c: CounterCommand, s: Counter, now: Date): Decision => {
  if (c.type === 'Increment' && s.value + c.by > LIMIT) return { ok: false, reason: 'over_limit', value: s.value };
  return { ok: true, events: decideEvents(c, s, now) };
};

const at = DEFAULT_DECIDER_NOW.toISOString();
const inc = (by: number): CounterEvent => ({ type: 'Incremented', by, at });

describe('DeciderSpecification', () => {
  const spec = DeciderSpecification.for({ decide: decideEvents, evolve, initialState });
  const valueSpec = DeciderSpecification.for(
    { decide: decideValue, evolve, initialState },
    { eventsOf: (d) => (d.ok ? d.events : []) },
  );

  it('folds the given events into state and checks the decided events', () => {
    spec
      .given([])
      .when({ type: 'Increment', by: 3 })
      .then([inc(3)]);
    spec
      .given([inc(4), inc(5)])
      .when({ type: 'Increment', by: 1 })
      .then([inc(1)]);
    spec
      .given([inc(4), { type: 'Reset', at }])
      .when({ type: 'Increment', by: 10 })
      .then([inc(10)]);
  });

  it('passes time in: the default instant, or the one given to when', () => {
    const later = new Date('2026-05-05T05:05:05.000Z');
    spec
      .given([])
      .when({ type: 'Increment', by: 1 }, later)
      .then([{ type: 'Incremented', by: 1, at: later.toISOString() }]);
    DeciderSpecification.for({ decide: decideEvents, evolve, initialState }, { now: later })
      .given([inc(1)])
      .when({ type: 'Reset' })
      .then([{ type: 'Reset', at: later.toISOString() }]);
  });

  it('recognises a decision with no events', () => {
    spec
      .given([inc(9)])
      .when({ type: 'Increment', by: 2 })
      .thenNothingHappened();
    spec.given([]).when({ type: 'Reset' }).thenNothingHappened();
  });

  it('checks value decisions with thenReturns and finds their events with eventsOf', () => {
    valueSpec
      .given([inc(9)])
      .when({ type: 'Increment', by: 2 })
      .thenReturns({ ok: false, reason: 'over_limit', value: 9 });
    valueSpec
      .given([inc(9)])
      .when({ type: 'Increment', by: 2 })
      .thenNothingHappened();
    valueSpec
      .given([inc(2)])
      .when({ type: 'Increment', by: 2 })
      .then([inc(2)]);
  });

  it('checks that decide throws, optionally which error', () => {
    spec.given([]).when({ type: 'Explode' }).thenThrows();
    spec
      .given([])
      .when({ type: 'Explode' })
      .thenThrows((e) => e instanceof RangeError);
  });

  it('fails when the outcome differs from the expectation', () => {
    expect(() =>
      spec
        .given([])
        .when({ type: 'Increment', by: 3 })
        .then([inc(4)]),
    ).toThrow();
    expect(() => spec.given([]).when({ type: 'Increment', by: 3 }).thenNothingHappened()).toThrow();
    expect(() =>
      spec
        .given([inc(9)])
        .when({ type: 'Increment', by: 3 })
        .then([inc(3)]),
    ).toThrow();
    expect(() =>
      valueSpec.given([]).when({ type: 'Ping' }).thenReturns({ ok: false, reason: 'over_limit', value: 0 }),
    ).toThrow();
    expect(() => spec.given([]).when({ type: 'Ping' }).thenThrows()).toThrow(/returned instead of throwing/);
    expect(() =>
      spec
        .given([])
        .when({ type: 'Explode' })
        .thenThrows((e) => e instanceof TypeError),
    ).toThrow(/unexpected error/);
    expect(() => spec.given([]).when({ type: 'Explode' }).then([])).toThrow(/threw instead of deciding/);
  });

  it('starts every scenario from a fresh initial state', () => {
    const shared = { value: 0 };
    const mutating = DeciderSpecification.for({
      decide: decideEvents,
      evolve: (s: Counter, e: CounterEvent) => {
        s.value += e.type === 'Incremented' ? e.by : 0;
        return s;
      },
      initialState: () => ({ ...shared }),
    });
    mutating
      .given([inc(9)])
      .when({ type: 'Increment', by: 1 })
      .then([inc(1)]);
    mutating
      .given([inc(9)])
      .when({ type: 'Increment', by: 1 })
      .then([inc(1)]);
  });
});
