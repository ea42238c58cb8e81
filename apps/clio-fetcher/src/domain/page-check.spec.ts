import { checkPage } from './page-check';

describe('checkPage', () => {
  it('keeps valid records as sent and flags the others by field, carrying on', () => {
    const ok = { id: 1, etag: 'a', updated_at: '2026-01-01T00:00:00+00:00', name: 'M' };
    const noEtag = { id: 2, updated_at: '2026-01-01T00:00:00+00:00' };
    const noId = { etag: 'x', updated_at: '2026-01-01T00:00:00+00:00' };
    expect(checkPage('matters', [ok, noEtag, noId])).toEqual({
      valid: [ok],
      flagged: [
        { id: '2', reason: 'etag: must be a non-empty string' },
        { id: null, reason: 'id: must be an integer or a non-empty string' },
      ],
    });
  });
});
