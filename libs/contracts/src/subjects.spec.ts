import { metadata } from './spec-fixtures';
import { InvalidSubjectToken, SUBJECTS, subjectFor } from './subjects';

describe('subjects', () => {
  it('puts an event on sf.events.<firmId>.<Type>', () => {
    expect(subjectFor({ type: 'SyncRequested', metadata: metadata({ firmId: 'firm_42-a' }) })).toBe(
      'sf.events.firm_42-a.SyncRequested',
    );
  });

  it.each(['firm.42', 'firm 42', '*', '>', '', 'f'.repeat(129), 'firm\n42'])(
    'refuses a firm id that is not a safe token: %j',
    (firmId) => {
      expect(() => subjectFor({ type: 'SyncRequested', metadata: metadata({ firmId }) })).toThrow(InvalidSubjectToken);
    },
  );

  it('refuses a type that is not a safe token', () => {
    expect(() => subjectFor({ type: 'Sync.*', metadata: metadata() })).toThrow('type: must match');
  });

  it('names the wildcards, filters and dead-letter subjects', () => {
    expect(SUBJECTS.events).toBe('sf.events.>');
    expect(SUBJECTS.deadLetters).toBe('sf.dlq.>');
    expect(SUBJECTS.redrive('clio-fetcher')).toBe('sf.rpc.redrive.clio-fetcher');
    expect(() => SUBJECTS.redrive('a.b')).toThrow(InvalidSubjectToken);
    expect(SUBJECTS.deadLetter('projector-jobs')).toBe('sf.dlq.projector-jobs');
    expect(SUBJECTS.firmEvents('firm-42')).toBe('sf.events.firm-42.>');
    expect(SUBJECTS.eventType('JobStarted')).toBe('sf.events.*.JobStarted');
    expect(() => SUBJECTS.deadLetter('a.b')).toThrow(InvalidSubjectToken);
  });

  it('throws an error with a stable code', () => {
    try {
      SUBJECTS.deadLetter('');
      throw new Error('expected a throw');
    } catch (e) {
      expect((e as InvalidSubjectToken).code).toBe('CONTRACTS.INVALID_SUBJECT_TOKEN');
    }
  });
});
