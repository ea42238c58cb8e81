import { describeForbidden } from './forbidden-message';

describe('describeForbidden', () => {
  it('names the entity type as users know it and says what fixes it', () => {
    expect(describeForbidden('calendar_entries')).toMatch(/^Clio does not let this connection read calendar entries: /);
    expect(describeForbidden('bills')).toContain('this kind of record');
    expect(describeForbidden('tasks')).toContain('Everything else was synced.');
  });
});
