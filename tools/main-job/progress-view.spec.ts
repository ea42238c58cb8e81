import { formatDuration, renderFrame } from './progress-view';

describe('renderFrame', () => {
  it('draws one bar per entity type with counts, percentage and the ETA', () => {
    const lines = renderFrame({
      state: 'running',
      etaSeconds: 75,
      elapsedSeconds: 12,
      apiCalls: 40,
      r429: 0,
      entities: [
        { entityType: 'matters', fetched: 150, total: 300 },
        { entityType: 'contacts', fetched: 0, total: null },
        { entityType: 'users', fetched: 0, total: 0 },
      ],
    });
    expect(lines[0]).toBe('sync running   elapsed 12s   ETA 1m15s   API calls 40   429s 0');
    expect(lines[1]).toBe(`  matters  [${'#'.repeat(14)}${'.'.repeat(14)}]  50%  150/300`);
    expect(lines[2]).toContain('   ?  0');
    expect(lines[3]).toContain('100%  0/0');
  });

  it('says "estimating" before an ETA exists', () => {
    expect(
      renderFrame({ state: 'requested', etaSeconds: null, elapsedSeconds: 0, apiCalls: 0, r429: 0, entities: [] })[0],
    ).toContain('ETA estimating');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59.4, '59s'],
    [60, '1m00s'],
    [3725, '62m05s'],
  ])('%s s -> %s', (s, out) => {
    expect(formatDuration(s)).toBe(out);
  });
});
