import { CATALOGUE, catalogueEntries } from './catalogue';
import { fieldsOf, Presence } from './field-registry';
import { edit } from './spec-fixtures';
import { validateEventData } from './validate-event-data';
import type { EventType } from './wire-names';

const SECRET = 'SECRET-document-content-4711';
const ex = (type: EventType, version = CATALOGUE[type].currentVersion) =>
  CATALOGUE[type].examples[version] as Record<string, unknown>;
const reasonOf = (type: EventType, data: unknown, version = CATALOGUE[type].currentVersion): string => {
  const r = validateEventData(type, version, data);
  if (r.ok) throw new Error(`expected ${type} v${version} to be rejected`);
  return r.reason;
};

const typeVersions = catalogueEntries().flatMap((d) =>
  Object.keys(d.versions).map((v) => [d.type as EventType, Number(v)] as const),
);

describe('every event type and version', () => {
  describe.each(typeVersions)('%s v%i', (type, version) => {
    const fields = [...fieldsOf(CATALOGUE[type].versions[version])];

    it('rejects each missing required field by name', () => {
      for (const [name] of fields.filter(
        ([, f]) => f.presence === Presence.required || f.presence === Presence.nullable,
      )) {
        expect(
          reasonOf(
            type,
            edit(ex(type, version), (d) => delete d[name]),
            version,
          ),
        ).toBe(`data.${name}: is required`);
      }
    });

    it('rejects a wrong value in each field with a field-level reason and without echoing it', () => {
      for (const [name] of fields) {
        const reason = reasonOf(
          type,
          edit(ex(type, version), (d) => (d[name] = { leak: SECRET })),
          version,
        );
        expect(reason).toMatch(new RegExp(`^data\\.${name}(\\.[a-z]+)?: `));
        expect(reason).not.toContain(SECRET);
      }
    });

    it('rejects an unknown field', () => {
      expect(reasonOf(type, { ...ex(type, version), extra: SECRET }, version)).toBe('data.extra: unknown field');
    });

    it('rejects a payload that is not an object', () => {
      for (const bad of [null, 'text', 42, [ex(type, version)]])
        expect(reasonOf(type, bad, version)).toBe('data: must be an object');
    });
  });
});

// Hand-picked bad payloads: [type, mutation, exact reason]. Fields not named keep the example's valid value.
const cases: [EventType, Record<string, unknown>, string][] = [
  ['SyncRequested', { scope: { kind: 'office' } }, 'data.scope.kind: must be one of firm, matter'],
  [
    'SyncRequested',
    { scope: { kind: 'matter' } },
    'data.scope.kind: must be matter with a matterId, or firm without one',
  ],
  [
    'SyncRequested',
    { scope: { kind: 'firm', matterId: '1' } },
    'data.scope.kind: must be matter with a matterId, or firm without one',
  ],
  ['SyncRequested', { scope: { kind: 'firm', extra: 1 } }, 'data.scope.extra: unknown field'],
  ['SyncRequested', { scope: 'firm' }, 'data.scope: must be an object'],
  [
    'SyncRequested',
    { trigger: 'cron' },
    'data.trigger: must be one of first_login, manual, process_click, webhook, schedule, maintenance',
  ],
  ['SyncRequested', { jobId: '' }, 'data.jobId: must be a string of 1 to 200 characters'],
  ['SyncRequested', { jobId: 'j'.repeat(201) }, 'data.jobId: must be a string of 1 to 200 characters'],
  [
    'SyncRequested',
    { entityTypes: ['matters', ''] },
    'data.entityTypes: must be an array of strings of 1 to 200 characters',
  ],
  ['SyncRequested', { requestedBy: 7 }, 'data.requestedBy: must be a string of 1 to 200 characters'],
  ['SyncJobStarted', { estimatedTotal: -1 }, 'data.estimatedTotal: must be an integer >= 0'],
  [
    'SyncJobStarted',
    { entityTypes: 'matters' },
    'data.entityTypes: must be an array of strings of 1 to 200 characters',
  ],
  ['SyncProgressed', { fetched: 1.5 }, 'data.fetched: must be an integer >= 0'],
  ['SyncProgressed', { total: '10' }, 'data.total: must be an integer >= 0'],
  [
    'SyncJobBlocked',
    { blockedUntil: '2026-01-05 10:01:00' },
    'data.blockedUntil: must be an ISO-8601 UTC instant (YYYY-MM-DDTHH:mm:ss[.fff]Z)',
  ],
  [
    'SyncJobBlocked',
    { blockedUntil: '2026-01-05T10:01:00+01:00' },
    'data.blockedUntil: must be an ISO-8601 UTC instant (YYYY-MM-DDTHH:mm:ss[.fff]Z)',
  ],
  [
    'SyncJobBlocked',
    { blockedUntil: '2026-02-30T10:01:00Z' },
    'data.blockedUntil: must be an ISO-8601 UTC instant (YYYY-MM-DDTHH:mm:ss[.fff]Z)',
  ],
  ['SyncJobBlocked', { reason: 'x'.repeat(1001) }, 'data.reason: must be a string of 1 to 1000 characters'],
  ['SyncJobResumed', { jobId: null }, 'data.jobId: must not be null'],
  ['SyncJobCompleted', { counts: { matters: -1 } }, 'data.counts: must be an object of non-negative integers'],
  ['SyncJobCompleted', { counts: { matters: 2.5 } }, 'data.counts: must be an object of non-negative integers'],
  ['SyncJobCompleted', { counts: [1, 2] }, 'data.counts: must be an object of non-negative integers'],
  ['SyncJobFailed', { code: 'rate limited' }, 'data.code: must be a code of 1 to 100 letters, digits, _ . : -'],
  ['SyncJobCancelled', { reason: '' }, 'data.reason: must be a string of 1 to 1000 characters'],
  ['RecordsSwept', { heldForReview: 'no' }, 'data.heldForReview: must be a boolean'],
  [
    'RecordsSwept',
    { softDeletedIds: [5003] },
    'data.softDeletedIds: must be an array of strings of 1 to 200 characters',
  ],
  ['JobStarted', { folderId: 12 }, 'data.folderId: must be a string of 1 to 200 characters'],
  ['JobStarted', { documentIds: null }, 'data.documentIds: must not be null'],
  [
    'DocumentProcessed',
    { sha256: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' },
    'data.sha256: must be a lowercase hex SHA-256 (64 characters)',
  ],
  ['DocumentProcessed', { size: -5 }, 'data.size: must be an integer >= 0'],
  ['DocumentSkipped', { documentId: '' }, 'data.documentId: must be a string of 1 to 200 characters'],
  ['DocumentFailed', { reason: 42 }, 'data.reason: must be a string of 1 to 1000 characters'],
  ['JobCompleted', { failed: Number.MAX_SAFE_INTEGER + 2 }, 'data.failed: must be an integer >= 0'],
  ['JobCancelled', { reason: undefined }, 'data.reason: is required'],
  ['ClioConnected', { region: 'uk' }, 'data.region: must be one of us, eu, ca, au'],
  ['ConnectionNeedsReauth', { connectionId: '' }, 'data.connectionId: must be a string of 1 to 200 characters'],
  ['ConnectionRevoked', { revokedBy: 'admin' }, 'data.revokedBy: must be one of user, clio'],
];

describe('field rules', () => {
  it.each(cases)('%s %j -> %s', (type, change, reason) => {
    expect(reasonOf(type, { ...ex(type), ...change })).toBe(reason);
  });

  it('accepts null where a field is nullable, and absence where it is optional', () => {
    expect(validateEventData('JobStarted', 1, { ...ex('JobStarted'), folderId: null }).ok).toBe(true);
    expect(validateEventData('SyncProgressed', 1, { ...ex('SyncProgressed', 1), total: null }).ok).toBe(true);
    expect(
      validateEventData('SyncRequested', 2, {
        jobId: 'j',
        scope: { kind: 'firm' },
        trigger: 'schedule',
        requestedBy: null,
      }).ok,
    ).toBe(true);
    expect(validateEventData('SyncRequested', 2, { jobId: 'j', scope: { kind: 'firm' }, trigger: 'webhook' }).ok).toBe(
      true,
    );
    expect(validateEventData('SyncJobCompleted', 1, { jobId: 'j', scope: { kind: 'firm' }, counts: {} }).ok).toBe(true);
  });

  it('rejects null where a field is optional but not nullable', () => {
    expect(reasonOf('SyncRequested', { ...ex('SyncRequested'), entityTypes: null })).toBe(
      'data.entityTypes: must be an array of strings of 1 to 200 characters',
    );
  });

  it('reports every failing field at once', () => {
    expect(reasonOf('JobCompleted', { jobId: 'j', processed: -1, skipped: 'x' })).toBe(
      'data.processed: must be an integer >= 0; data.skipped: must be an integer >= 0; data.failed: is required',
    );
  });

  it('rejects an unknown type or version without echoing it', () => {
    expect(validateEventData(SECRET, 1, {})).toEqual({ ok: false, reason: 'type: unknown event type' });
    expect(validateEventData('SyncRequested', 4, ex('SyncRequested'))).toEqual({
      ok: false,
      reason: 'version: unknown version of SyncRequested (known: 1 to 3)',
    });
    expect(validateEventData('JobStarted', 0, ex('JobStarted')).ok).toBe(false);
  });

  it('validates older versions against their own class', () => {
    expect(validateEventData('SyncRequested', 1, { jobId: 'j', trigger: 'manual' }).ok).toBe(true);
    expect(reasonOf('SyncRequested', { jobId: 'j', trigger: 'manual', scope: { kind: 'firm' } }, 1)).toBe(
      'data.scope: unknown field',
    );
  });
});
