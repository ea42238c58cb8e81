import { CATALOGUE, catalogueEntries, currentVersionOf, isEventType } from './catalogue';
import { defineEvent } from './event-definition';
import { fieldsOf, Presence } from './field-registry';
import { validateEventData } from './validate-event-data';
import { EventTypes, StreamTypes } from './wire-names';
import { SyncJobResumedV1 } from './events/sync-job-resumed';

describe('the catalogue', () => {
  it('has exactly one entry per wire type name, keyed by that name', () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual(Object.values(EventTypes).sort());
    for (const [key, d] of Object.entries(CATALOGUE)) expect(d.type).toBe(key);
  });

  it.each(catalogueEntries().map((d) => [d.type, d] as const))(
    '%s: versions 1..current each have a class, an example and an upcaster to the next',
    (_t, d) => {
      expect(Object.keys(d.versions).map(Number)).toEqual(Array.from({ length: d.currentVersion }, (_, i) => i + 1));
      expect(Object.keys(d.upcasters).map(Number)).toEqual(
        Array.from({ length: d.currentVersion - 1 }, (_, i) => i + 1),
      );
      expect(d.current).toBe(d.versions[d.currentVersion]);
      expect(d.description).toMatch(/^[A-Z].{10,120}\.$/);
      expect(Object.values(StreamTypes)).toContain(d.streamType);
    },
  );

  it.each(catalogueEntries().flatMap((d) => Object.keys(d.versions).map((v) => [d.type, Number(v)] as const)))(
    '%s v%i: its example is valid',
    (type, version) => {
      expect(validateEventData(type, version, CATALOGUE[type].examples[version])).toEqual({
        ok: true,
        value: CATALOGUE[type].examples[version],
      });
    },
  );

  it('names every payload class uniquely (they become AsyncAPI schema names)', () => {
    const names = catalogueEntries().flatMap((d) => Object.values(d.versions).map((c) => c.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('puts a required jobId in every payload of a job stream, and a required scope in every sync-scope payload', () => {
    // The stream of an event derives from them (streamOf): a job stream from jobId, a scope stream from scope. A
    // scope-stream event about the firm rather than a job (OnboardingSettingChanged) has a scope and no job.
    const jobTypes = catalogueEntries().filter(
      (d) => d.streamType === StreamTypes.syncJob || d.streamType === StreamTypes.processingJob,
    );
    expect(jobTypes.length).toBeGreaterThan(0);
    for (const d of jobTypes)
      for (const cls of Object.values(d.versions)) expect(fieldsOf(cls).get('jobId')?.presence).toBe(Presence.required);
    const scopeTypes = catalogueEntries().filter((d) => d.streamType === StreamTypes.syncScope);
    for (const d of scopeTypes) expect(fieldsOf(d.current).get('scope')?.presence).toBe(Presence.required);
  });

  it('knows its own types and current versions', () => {
    expect(isEventType('SyncRequested')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(isEventType(42)).toBe(false);
    expect(currentVersionOf('SyncRequested')).toBe(3);
    expect(currentVersionOf('JobStarted')).toBe(1);
  });

  it('refuses a definition with a missing upcaster (a catalogue bug fails at load time)', () => {
    const define = () =>
      defineEvent({
        type: 'Broken',
        description: 'Broken.',
        streamType: StreamTypes.syncJob,
        currentVersion: 2,
        versions: { 1: SyncJobResumedV1, 2: SyncJobResumedV1 },
        upcasters: {} as { 1: (d: SyncJobResumedV1) => object },
        examples: { 1: { jobId: 'j' }, 2: { jobId: 'j' } },
      });
    expect(define).toThrow('catalogue bug: Broken v1 lacks a class, an example or an upcaster');
  });
});
