import type { RecordedCatalogueEvent } from './catalogue-event';
import { upcastSyncRequestedV1 } from './events/sync-requested';
import { stallReason } from './events/sync-job-stalled';
import { parseEnvelope } from './parse-envelope';
import { readEvent } from './read-event';
import { recorded, wireOf } from './spec-fixtures';
import { upcastEventData } from './upcast';

describe('upcasting SyncRequested v1 -> v2', () => {
  it('turns a matter id into a matter scope', () => {
    expect(upcastSyncRequestedV1({ jobId: 'j', trigger: 'process_click', matterId: 'm-1' })).toEqual({
      jobId: 'j',
      scope: { kind: 'matter', matterId: 'm-1' },
      trigger: 'process_click',
    });
  });

  it('turns no matter id into a firm scope', () => {
    expect(upcastSyncRequestedV1({ jobId: 'j', trigger: 'first_login' })).toEqual({
      jobId: 'j',
      scope: { kind: 'firm' },
      trigger: 'first_login',
    });
  });

  it('gives a consumer of a v1 message the current shape and version', () => {
    const v1 = recorded('SyncRequested', 1, { jobId: 'j', trigger: 'manual', matterId: 'm-1' });
    const parsed = parseEnvelope(wireOf(v1));
    expect(parsed).toEqual({
      ok: true,
      value: { ...v1, version: 3, data: { jobId: 'j', scope: { kind: 'matter', matterId: 'm-1' }, trigger: 'manual' } },
    });
  });

  it('narrows on type for projection code', () => {
    const parsed = parseEnvelope(wireOf(recorded('SyncRequested', 1, { jobId: 'j', trigger: 'manual' })));
    if (!parsed.ok) throw new Error(parsed.reason);
    const scopeKind = (e: RecordedCatalogueEvent): string => (e.type === 'SyncRequested' ? e.data.scope.kind : 'other');
    expect(scopeKind(parsed.value)).toBe('firm');
  });

  it('upcasts events read straight from the log', () => {
    const v1 = recorded('SyncRequested', 1, { jobId: 'j', trigger: 'schedule' });
    expect(readEvent(v1)).toEqual({
      ok: true,
      value: { ...v1, version: 3, data: { jobId: 'j', scope: { kind: 'firm' }, trigger: 'schedule' } },
    });
  });

  it('leaves a current version as it is', () => {
    const data = { jobId: 'j', scope: { kind: 'firm' }, trigger: 'manual', requestedBy: null };
    expect(upcastEventData('SyncRequested', 3, data)).toEqual({
      ok: true,
      value: { type: 'SyncRequested', version: 3, data },
    });
  });

  it('validates the old version before upcasting it', () => {
    expect(upcastEventData('SyncRequested', 1, { jobId: 'j', trigger: 'manual', requestedBy: 'u' })).toEqual({
      ok: false,
      reason: 'data.requestedBy: unknown field',
    });
    expect(upcastEventData('SyncRequested', 1, { jobId: 'j', trigger: 'manual', matterId: '' })).toEqual({
      ok: false,
      reason: 'data.matterId: must be a string of 1 to 200 characters',
    });
  });
});

describe('upcasting SyncJobStalled v1 -> v2', () => {
  it('gives a v1 stall (duration only) the user-facing reason the job view shows', () => {
    const data = { jobId: 'j', lastProgressAt: '2026-01-05T10:00:00.000Z', stalledForMs: 1_800_000 };
    const up = upcastEventData('SyncJobStalled', 1, data);
    if (!up.ok) throw new Error(up.reason);
    expect(up.value.version).toBe(2);
    expect(up.value.data).toEqual({ ...data, reason: stallReason(1_800_000) });
    expect(stallReason(1_800_000)).toMatch(/no progress for 30 min.*restarted from its last checkpoint.*clio-fetcher/);
  });
});
