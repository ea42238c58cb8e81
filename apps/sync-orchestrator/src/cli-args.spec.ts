import { parseCliArgs } from './cli-args';

// A request that names no onboarding flag leaves the firm's stored setting (else the defaults) in force.
const PHASED = {};

describe('parseCliArgs', () => {
  it.each([
    [
      ['request', '--firm', 'f1'],
      { kind: 'request', firmId: 'f1', matterId: null, trigger: 'manual', requestedBy: null, onboarding: PHASED },
    ],
    [
      ['request', '--firm', 'f1', '--matter', 'm9', '--trigger', 'process_click', '--by', 'u1'],
      {
        kind: 'request',
        firmId: 'f1',
        matterId: 'm9',
        trigger: 'process_click',
        requestedBy: 'u1',
        onboarding: PHASED,
      },
    ],
    [['status', '--job', 'j1'], { kind: 'status', jobId: 'j1' }],
    [['stop', '--job', 'j1'], { kind: 'control', control: 'stop', jobId: 'j1', reason: null }],
    [
      ['reset', '--job', 'j1', '--reason', 'full resync'],
      { kind: 'control', control: 'reset', jobId: 'j1', reason: 'full resync' },
    ],
    [
      ['request', '--firm=f1', '--matter=m9'],
      { kind: 'request', firmId: 'f1', matterId: 'm9', trigger: 'manual', requestedBy: null, onboarding: PHASED },
    ],
    [
      ['request', '--firm', 'f1', '--trigger', 'first_login', '--recent-months', '12'],
      {
        kind: 'request',
        firmId: 'f1',
        matterId: null,
        trigger: 'first_login',
        requestedBy: null,
        onboarding: { recentMonths: 12 },
      },
    ],
    [
      ['request', '--firm', 'f1', '--phased', 'no'],
      {
        kind: 'request',
        firmId: 'f1',
        matterId: null,
        trigger: 'manual',
        requestedBy: null,
        onboarding: { phased: false, recentMonths: null },
      },
    ],
    [
      ['resync', '--firm', 'f1', '--entity-type', 'contacts', '--by', 'u1'],
      { kind: 'resync', firmId: 'f1', entityType: 'contacts', requestedBy: 'u1' },
    ],
    [
      ['onboarding', '--firm', 'f1', '--phased', 'yes', '--recent-months', '6', '--by', 'u1'],
      { kind: 'onboarding', firmId: 'f1', options: { phased: true, recentMonths: 6 }, changedBy: 'u1' },
    ],
    [
      ['onboarding', '--firm', 'f1', '--phased', 'no'],
      { kind: 'onboarding', firmId: 'f1', options: { phased: false, recentMonths: null }, changedBy: null },
    ],
    [['--help'], { kind: 'help' }],
    [['stop', '--job', 'j1', '--help'], { kind: 'help' }],
  ])('parses %j', (argv, command) => {
    expect(parseCliArgs(argv)).toEqual({ ok: true, command });
  });

  it.each([
    [[], 'missing command'],
    [['sync'], 'unknown command sync'],
    [['request'], '--firm is required'],
    [['request', '--firm', 'f1', '--trigger', 'cron'], '--trigger must be one of'],
    [['request', '--firm'], '--firm needs a value'],
    [['request', '--firm', 'a', '--firm', 'b'], '--firm given twice'],
    [['status', '--firm', 'f1'], 'unknown argument --firm'],
    [['cancel'], '--job is required'],
    [['stop', '--job', 'j', 'extra'], 'unknown argument extra'],
    [['stop', '--jbo', 'j'], 'unknown argument --jbo (stop takes --job, --reason)'],
    [['request', '--firm', '--matter', 'm'], '--firm needs a value'],
    [['status', '--job=j', '--job', 'k'], '--job given twice'],
    [['resync', '--firm', 'f1'], '--entity-type is required'],
    [['resync', '--entity-type', 'contacts'], '--firm is required'],
    [['resync', '--firm', 'f1', '--entity-type', 'contacts', '--matter', 'm'], 'unknown argument --matter'],
    [['request', '--firm', 'f1', '--phased', 'maybe'], '--phased must be yes or no'],
    [['request', '--firm', 'f1', '--recent-months', '0'], '--recent-months must be an integer from 1 to 120'],
    [['request', '--firm', 'f1', '--recent-months', '6.5'], '--recent-months must be an integer from 1 to 120'],
    [['request', '--firm', 'f1', '--phased', 'no', '--recent-months', '6'], '--recent-months needs a phased sync'],
    [['onboarding', '--firm', 'f1'], '--phased is required'],
    [['onboarding', '--phased', 'yes'], '--firm is required'],
    [['onboarding', '--firm', 'f1', '--phased', 'no', '--recent-months', '3'], '--recent-months needs a phased sync'],
  ])('refuses %j', (argv, message) => {
    const r = parseCliArgs(argv);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(message);
  });
});
