import { MAX_FRAMES, safeErrorFields } from './safe-error';

describe('safeErrorFields', () => {
  it('keeps class, stable code and frame locations, drops a multi-line message', () => {
    const e = Object.assign(new RangeError('first line\nAuthorization: Bearer abc\n  still the message'), {
      code: '08006',
    });
    const f = safeErrorFields(e);
    expect(JSON.stringify(f)).not.toContain('abc');
    expect(JSON.stringify(f)).not.toContain('message');
    expect(f).toMatchObject({ type: 'RangeError', errCode: '08006' });
    expect(f.frames!.length).toBeGreaterThan(0);
    expect(f.frames!.length).toBeLessThanOrEqual(MAX_FRAMES);
    for (const frame of f.frames!) expect(frame).toMatch(/^at /);
  });

  it('leaves out codes that are not short identifiers, and names thrown non-errors by type only', () => {
    expect(safeErrorFields(Object.assign(new Error('m'), { code: 'token abc def' }))).not.toHaveProperty('errCode');
    expect(safeErrorFields(Object.assign(new Error('m'), { code: 42 }))).not.toHaveProperty('errCode');
    expect(safeErrorFields('password=hunter2')).toEqual({ type: 'string' });
    expect(safeErrorFields(null)).toEqual({ type: 'null' });
  });
});
