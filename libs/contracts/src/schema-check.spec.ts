import { validateSync } from 'class-validator';
import { CATALOGUE, catalogueEntries } from './catalogue';
import { SyncScope } from './events/sync-scope';
import { hasRuleOutsideSchema } from './field-registry';
import { Field, rule } from './fields';
import { schemaAccepts } from './schema-check';
import { edit } from './spec-fixtures';
import { validateAs } from './validate-class';
import type { EventType } from './wire-names';

const typeVersions = catalogueEntries().flatMap((d) =>
  Object.keys(d.versions).map((v) => [d.type as EventType, Number(v)] as const),
);
const example = (type: EventType, version: number) =>
  JSON.parse(JSON.stringify(CATALOGUE[type].examples[version])) as Record<string, unknown>;

class Sample {
  @Field.id() id!: string;
  @Field.instant() at!: string;
  @Field.countMap() counts!: Record<string, number>;
  @Field.recordList() records!: object[];
  @Field.pattern(/^[a-z]+$/, 'lower-case letters') code!: string;
  @Field.nested(() => SyncScope) scope!: SyncScope;
}
const good: Record<string, unknown> = {
  id: 'x'.repeat(200),
  at: '2026-02-28T10:00:00.000Z',
  counts: { documents: 3 },
  records: [{ id: 7 }, { id: 'a' }],
  code: 'abc',
  scope: { kind: 'matter', matterId: 'm1' },
};

class CrossField {
  @Field.integer()
  @rule('isEven', (v) => typeof v === 'number' && v % 2 === 0, 'must be even')
  n!: number;
}

/** class-validator's own verdict, without the fast path. */
const rulesAccept = (cls: new () => object, plain: object): boolean =>
  validateSync(Object.assign(new cls(), plain), { whitelist: true, forbidNonWhitelisted: true }).length === 0;

describe('schemaAccepts (the compiled JSON schema fast path)', () => {
  // A class with a rule its schema does not state (e.g. SyncPhaseCompleted's feature list) has no fast path.
  it.each(typeVersions)(
    'accepts the catalogue example of %s v%i by its schema, or leaves it to the rules',
    (type, version) => {
      const cls = CATALOGUE[type].versions[version];
      expect(schemaAccepts(cls, example(type, version))).toBe(!hasRuleOutsideSchema(cls));
      expect(validateAs(cls, example(type, version), 'data').ok).toBe(true);
    },
  );

  it('accepts a payload that meets every rule', () => {
    expect(schemaAccepts(Sample, good)).toBe(true);
    expect(validateAs(Sample, good, 'data')).toEqual({ ok: true, value: good });
  });

  // Where Ajv's default meaning differs from the rules, the tuned schema must not let through what they reject.
  it.each([
    [
      'an id of 200 characters outside the BMP (400 UTF-16 units)',
      (d: Record<string, unknown>) => (d['id'] = '😀'.repeat(200)),
    ],
    ['a date that does not exist', (d: Record<string, unknown>) => (d['at'] = '2026-02-30T10:00:00.000Z')],
    ['a count beyond the safe integers', (d: Record<string, unknown>) => (d['counts'] = { documents: 2 ** 60 })],
    ['a record id beyond the safe integers', (d: Record<string, unknown>) => (d['records'] = [{ id: -(2 ** 60) }])],
    ['a firm scope with a matter id', (d: Record<string, unknown>) => (d['scope'] = { kind: 'firm', matterId: 'm1' })],
    ['a matter scope without one', (d: Record<string, unknown>) => (d['scope'] = { kind: 'matter' })],
    ['an unknown nested field', (d: Record<string, unknown>) => (d['scope'] = { kind: 'firm', extra: 1 } as never)],
  ])('rejects %s, as the rules do', (_what, mutate) => {
    const bad = edit(good, mutate);
    expect(schemaAccepts(Sample, bad)).toBe(false);
    expect(validateAs(Sample, bad, 'data').ok).toBe(false);
  });

  it('leaves a class with a rule its schema does not state to class-validator', () => {
    expect(schemaAccepts(CrossField, { n: 3 })).toBe(false);
    expect(rulesAccept(CrossField, { n: 3 })).toBe(false);
    expect(validateAs(CrossField, { n: 3 }, 'data')).toEqual({ ok: false, reason: 'data.n: must be even' });
    expect(validateAs(CrossField, { n: 4 }, 'data').ok).toBe(true);
  });
});
