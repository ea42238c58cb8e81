import { parseSfArgs } from './args';

describe('sf arguments (parseSfArgs)', () => {
  it('parses each command with its flags and --json', () => {
    expect(parseSfArgs(['events', 'tail', '--firm', 'f1', '--type', 'SyncProgressed', '--once', '--json'])).toEqual({
      ok: true,
      json: true,
      command: { kind: 'events-tail', firmId: 'f1', type: 'SyncProgressed', source: 'log', once: true },
    });
    expect(parseSfArgs(['events', 'tail', '--from', '12:34'])).toEqual({
      ok: true,
      json: false,
      command: { kind: 'events-tail', source: 'log', from: { position: '12:34' }, once: false },
    });
    expect(parseSfArgs(['events', 'tail', '--from', '2026-12-03T10:00:00Z'])).toMatchObject({
      command: { from: { time: new Date('2026-12-03T10:00:00Z') } },
    });
    expect(parseSfArgs(['events', 'tail', '--source', 'jetstream', '--from', '42', '--firm', 'f1'])).toEqual({
      ok: true,
      json: false,
      command: { kind: 'events-tail', source: 'jetstream', firmId: 'f1', from: { seq: 42 }, once: false },
    });
    expect(parseSfArgs(['job', 'story', 'j-1'])).toEqual({
      ok: true,
      json: false,
      command: { kind: 'job-story', id: 'j-1' },
    });
    expect(parseSfArgs(['dlq', 'redrive', '--consumer', 'c1', '--seq', '7', '--by', 'ops-1'])).toEqual({
      ok: true,
      json: false,
      command: { kind: 'dlq-redrive', consumer: 'c1', seq: 7, by: 'ops-1' },
    });
    expect(parseSfArgs(['dlq', 'show', '3', '--json'])).toEqual({
      ok: true,
      json: true,
      command: { kind: 'dlq-show', seq: 3 },
    });
    expect(parseSfArgs(['projections', 'rebuild', 'all'])).toMatchObject({
      command: { kind: 'projections-rebuild', name: 'all' },
    });
    expect(parseSfArgs(['firm', 'status', 'f1'])).toMatchObject({ command: { kind: 'firm-status', firmId: 'f1' } });
  });

  it('refuses a source it does not know, a log position on the stream, and a subject wildcard as a firm', () => {
    expect(parseSfArgs(['events', 'tail', '--source', 'kafka'])).toMatchObject({ ok: false, message: /--source/ });
    expect(parseSfArgs(['events', 'tail', '--source', 'jetstream', '--from', '12:34'])).toMatchObject({
      ok: false,
      message: /stream sequence/,
    });
    expect(parseSfArgs(['events', 'tail', '--from', '42'])).toMatchObject({ ok: false, message: /log position/ });
    expect(parseSfArgs(['events', 'tail', '--source', 'jetstream', '--firm', '>'])).toMatchObject({
      ok: false,
      message: /subject tokens/,
    });
  });

  it('answers --help on every command with its own usage', () => {
    for (const argv of [['--help'], ['events', 'tail', '--help'], ['dlq', '-h'], ['firm', 'status', '--help']]) {
      const r = parseSfArgs(argv);
      expect(r).toEqual({ ok: true, help: expect.stringContaining('usage:') });
    }
    expect(parseSfArgs(['dlq', 'list', '--help'])).toEqual({ ok: true, help: expect.stringContaining('dlq redrive') });
  });

  it('refuses bad input naming the flag or word', () => {
    const message = (argv: string[]): string => {
      const r = parseSfArgs(argv);
      return r.ok ? 'parsed' : r.message;
    };
    expect(message([])).toBe('missing command');
    expect(message(['job', 'tell'])).toBe('unknown command job tell');
    expect(message(['events', 'tail', '--frm', 'x'])).toMatch(/^unknown argument --frm/);
    expect(message(['events', 'tail', '--from', 'yesterday'])).toMatch(/--from must be a log position/);
    expect(message(['events', 'tail', '--limit', '0'])).toBe('--limit must be a positive integer');
    expect(message(['dlq', 'list', '--since', 'soon'])).toBe('--since must be an ISO time');
    expect(message(['dlq', 'show'])).toMatch(/required/);
    expect(message(['job', 'story', 'a', 'b'])).toBe('unknown argument b');
    expect(message(['firm', 'status', 'f', '--json=yes'])).toBe('--json takes no value');
  });
});
