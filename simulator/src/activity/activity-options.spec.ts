import { DEFAULT_MIX, mergeMix, parseActivityMix } from './activity-options';

describe('parseActivityMix', () => {
  it('accepts no mix, and known resources with non-negative weights', () => {
    expect(parseActivityMix(undefined)).toEqual({ ok: true });
    const mix = { matters: { update: 0 }, tasks: { create: 2.5, delete: 0 } };
    expect(parseActivityMix(mix)).toEqual({ ok: true, mix });
    expect(mergeMix(DEFAULT_MIX, mix).tasks).toEqual({ create: 2.5, update: DEFAULT_MIX.tasks.update, delete: 0 });
  });

  it.each([
    ['not an object', 'heavy'],
    ['an array', [{ matters: { update: 1 } }]],
    ['an unknown resource', { invoices: { create: 1 } }],
    ['weights that are not an object', { matters: 3 }],
    ['an unknown operation', { matters: { archive: 1 } }],
    ['a negative weight', { matters: { update: -1 } }],
    ['a weight that is not a number', { matters: { update: '2' } }],
  ])('refuses %s', (_label, mix) => {
    expect(parseActivityMix(mix)).toMatchObject({ ok: false, message: expect.stringContaining('mix must map') });
  });
});
