import { defineTopology } from '../topology';
import { inboxHorizonMs } from './inbox-pruner';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('inboxHorizonMs', () => {
  it('is the longer of the events and dead-letter streams ages plus a day', () => {
    const t = defineTopology({ eventsMaxAgeMs: 3 * DAY_MS, deadLetterMaxAgeMs: 7 * DAY_MS });
    expect(inboxHorizonMs(t.streams)).toBe(8 * DAY_MS);
    const longEvents = defineTopology({ eventsMaxAgeMs: 40 * DAY_MS, deadLetterMaxAgeMs: 7 * DAY_MS });
    expect(inboxHorizonMs(longEvents.streams)).toBe(41 * DAY_MS);
  });

  it('takes the default ages (14 and 30 days) when no streams are given', () => {
    expect(inboxHorizonMs()).toBe(31 * DAY_MS);
  });
});
