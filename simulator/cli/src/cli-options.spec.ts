import { parseCliArgs } from './cli-options';

describe('parseCliArgs', () => {
  it('maps flags onto simulator options', () => {
    const r = parseCliArgs([
      '--size',
      'medium',
      '--seed',
      '42',
      '--port',
      '4020',
      '--regions',
      'us,eu',
      '--rate-limit',
      'off',
      '--latency',
      '25',
      '--counts',
      'matters=10,documents=50',
      '--activity',
      '60',
      '--trash-days',
      '7',
    ]);
    expect(r).toEqual({
      ok: true,
      help: false,
      latencyMs: 25,
      options: {
        size: 'medium',
        seed: 42,
        port: 4020,
        regions: ['us', 'eu'],
        rateLimit: false,
        counts: { matters: 10, documents: 50 },
        activity: { opsPerMinute: 60, autoStart: true },
        trashRetentionMs: 7 * 86_400_000,
      },
    });
  });

  it('defaults to a small firm on port 4010 in the US region', () => {
    expect(parseCliArgs([])).toMatchObject({
      ok: true,
      options: { size: 'small', port: 4010, regions: ['us'] },
      latencyMs: 0,
    });
    expect(parseCliArgs(['--rate-limit', '100'])).toMatchObject({ ok: true, options: { rateLimit: { limit: 100 } } });
  });

  it.each([
    [['--size', 'huge']],
    [['--regions', 'us,mars']],
    [['--seed', '-1']],
    [['--counts', 'planets=3']],
    [['--rate-limit', '0']],
    [['--bogus']],
  ])('rejects %j', (argv) => {
    expect(parseCliArgs(argv).ok).toBe(false);
  });
});
