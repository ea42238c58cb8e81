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

  it('adds --redirect-uri values to the demo app, keeping its own', () => {
    const r = parseCliArgs([
      '--redirect-uri',
      'http://127.0.0.1:3001/connections/clio/callback',
      '--redirect-uri',
      'http://localhost:3001/connections/clio/callback',
    ]);
    expect(r).toMatchObject({ ok: true });
    const apps = r.ok ? r.options.oauth?.apps : undefined;
    expect(apps).toHaveLength(1);
    expect(apps?.[0]).toMatchObject({ clientId: 'sim-demo-client', clientSecret: 'sim-demo-secret' });
    expect(apps?.[0]?.redirectUris).toEqual([
      'http://127.0.0.1/callback',
      'http://localhost/callback',
      'http://127.0.0.1:3001/connections/clio/callback',
      'http://localhost:3001/connections/clio/callback',
    ]);
    expect(parseCliArgs([]).ok && parseCliArgs([])).not.toHaveProperty('options.oauth');
  });

  it.each([
    [['--redirect-uri', 'not a url']],
    [['--redirect-uri', 'javascript:alert(1)']],
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
