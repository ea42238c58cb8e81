import { parseSyncRequestRpc } from './sync-request-dto';

describe('parseSyncRequestRpc', () => {
  it('accepts a firm and a matter request', () => {
    expect(parseSyncRequestRpc('{"firmId":"f1","scope":{"kind":"firm"},"trigger":"schedule"}')).toEqual({
      ok: true,
      value: { firmId: 'f1', scope: { kind: 'firm' }, trigger: 'schedule', requestedBy: null },
    });
    expect(
      parseSyncRequestRpc(
        '{"firmId":"f1","scope":{"kind":"matter","matterId":"42"},"trigger":"process_click","requestedBy":"u7"}',
      ),
    ).toEqual({
      ok: true,
      value: { firmId: 'f1', scope: { kind: 'matter', matterId: '42' }, trigger: 'process_click', requestedBy: 'u7' },
    });
  });

  it.each([
    ['not JSON', 'nope', 'body must be JSON'],
    ['an array', '[]', 'body must be a JSON object'],
    ['an unknown trigger', '{"firmId":"f1","scope":{"kind":"firm"},"trigger":"cron"}', 'trigger must be one of'],
    ['a bad firm id', '{"firmId":"f 1","scope":{"kind":"firm"},"trigger":"manual"}', 'firmId must be'],
    [
      'a matter scope without matterId',
      '{"firmId":"f1","scope":{"kind":"matter"},"trigger":"manual"}',
      'scope.matterId must be a string',
    ],
    [
      'a firm scope with a matterId',
      '{"firmId":"f1","scope":{"kind":"firm","matterId":"1"},"trigger":"manual"}',
      'scope.matterId must be absent',
    ],
    [
      'an unknown field',
      '{"firmId":"f1","scope":{"kind":"firm"},"trigger":"manual","force":true}',
      'property force should not exist',
    ],
  ])('refuses %s, naming the field', (_name, raw, reason) => {
    const r = parseSyncRequestRpc(raw);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(reason);
  });
});
