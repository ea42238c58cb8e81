import { httpDateOf } from './readers';

describe("Clio's Date header", () => {
  it('reads an HTTP-date as an ISO instant', () => {
    expect(httpDateOf('Tue, 05 May 2026 09:00:07 GMT')).toBe('2026-05-05T09:00:07.000Z');
  });

  it('is null when the header is missing or unreadable', () => {
    expect(httpDateOf(null)).toBeNull();
    expect(httpDateOf('yesterday')).toBeNull();
  });
});
