import { randomUUID } from 'node:crypto';
import { CLIO_ENTITY_TYPES } from '@sf/clio-mirror';
import type { RecordedEvent } from '@sf/contracts';
import { foldJob, listingOf } from './job-state';
import { planPhases, planSteps, tailStart, type PlanStep } from './phase-plan';

const describeStep = (s: PlanStep): string =>
  s.kind === 'list'
    ? `list ${s.entityType}${s.window ? ` (${s.window})` : ''}`
    : `phase ${s.phase}${s.window ? ` (${s.window})` : ''}: ${s.features.join(',')}`;

describe('planPhases / planSteps', () => {
  const phases = planPhases(CLIO_ENTITY_TYPES);

  it('groups every mirrored entity type into core, supporting and historical, keeping the priority order', () => {
    expect(phases).toEqual([
      { phase: 'core', entityTypes: ['users', 'custom_fields', 'matters', 'contacts', 'relationships'] },
      { phase: 'supporting', entityTypes: ['matter_notes', 'contact_notes', 'calendar_entries', 'tasks'] },
      { phase: 'historical', entityTypes: ['folders', 'documents', 'activities'] },
    ]);
    expect(phases.flatMap((p) => p.entityTypes)).toEqual([...CLIO_ENTITY_TYPES]);
    expect(planPhases(['tasks', 'matters'])).toEqual([
      { phase: 'core', entityTypes: ['matters'] },
      { phase: 'supporting', entityTypes: ['tasks'] },
    ]);
  });

  it('lists the types in order for a job that is not phased', () => {
    const steps = planSteps(['users', 'documents'], null, '2025-01-01T00:00:00.000Z');
    expect(steps.map(describeStep)).toEqual(['list users', 'list documents']);
    expect(tailStart(steps)).toBe(1);
  });

  it('records each phase after its last listing, and lists recent windows first within historical', () => {
    const steps = planSteps(CLIO_ENTITY_TYPES, phases, '2025-01-01T00:00:00.000Z');
    expect(steps.map(describeStep)).toEqual([
      'list users',
      'list custom_fields',
      'list matters',
      'list contacts',
      'list relationships',
      'phase core: matters,contacts',
      'list matter_notes',
      'list contact_notes',
      'list calendar_entries',
      'list tasks',
      'phase supporting: calendar,tasks',
      'list documents (recent)',
      'list activities (recent)',
      'phase historical (recent): recent_documents,recent_billing',
      'list folders',
      'list documents',
      'list activities',
      'phase historical: documents,billing',
    ]);
    // The last phase step follows the last listing: it goes into the completion append.
    expect(tailStart(steps)).toBe(16);
  });

  it('has no recent window without recentSince', () => {
    const steps = planSteps(CLIO_ENTITY_TYPES, phases, null);
    expect(steps.filter((s) => s.window !== null)).toEqual([]);
  });
});

describe('foldJob: phases and recent windows', () => {
  let pos = 0;
  const ev = (type: string, data: Record<string, unknown>, version = 2): RecordedEvent => {
    pos += 1;
    return {
      eventId: randomUUID(),
      type,
      version,
      data: { jobId: 'j', ...data },
      metadata: { firmId: 'f', correlationId: 'c', causationId: null, occurredAt: '2026-05-01T10:00:00.000Z' },
      streamId: 'sync-job-j',
      streamPosition: pos,
      globalPosition: String(100 + pos),
      transactionId: String(7 + pos),
    };
  };

  it('keeps the plan, the recent window apart from the complete listing, and the phases done', () => {
    const s = foldJob([
      ev('SyncJobStarted', {
        scope: { kind: 'firm' },
        entityTypes: ['documents'],
        estimatedTotal: null,
        phases: [{ phase: 'historical', entityTypes: ['documents'] }],
        recentSince: '2025-01-01T00:00:00.000Z',
      }),
      ev('ClioRecordsFetched', { entityType: 'documents', records: [{ id: 1 }] }, 1),
      ev('SyncProgressed', {
        entityType: 'documents',
        fetched: 1,
        total: 1,
        cursor: null,
        mode: 'full',
        window: 'recent',
      }),
      ev(
        'SyncPhaseCompleted',
        { phase: 'historical', window: 'recent', entityTypes: ['documents'], features: ['recent_documents'] },
        1,
      ),
    ]);
    expect(s.phases).toEqual([{ phase: 'historical', entityTypes: ['documents'] }]);
    expect(s.recentSince).toBe('2025-01-01T00:00:00.000Z');
    expect(listingOf(s, 'documents', 'recent')).toEqual({ fetched: 1, cursor: null, complete: true });
    expect(listingOf(s, 'documents', null)).toMatchObject({ fetched: 0, cursor: null, complete: false });
    expect(s.phasesDone).toEqual(['historical:recent']);
  });
});
