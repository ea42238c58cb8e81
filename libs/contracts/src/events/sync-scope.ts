import { JSONSchema } from 'class-validator-jsonschema';
import { Field, rule } from '../fields';
import { SyncScopeKinds, type SyncScopeKind } from '../wire-names';

const hasMatterIdIffMatter = (kind: unknown, scope: object): boolean => {
  const matterId = (scope as { matterId?: unknown }).matterId;
  if (kind === SyncScopeKinds.matter) return matterId !== undefined;
  if (kind === SyncScopeKinds.firm) return matterId === undefined;
  return true; // an unknown kind is reported by the kind rule itself
};

/** What a sync covers: the whole firm, or one matter (then, and only then, `matterId` is set). */
@JSONSchema({
  oneOf: [
    { properties: { kind: { enum: [SyncScopeKinds.firm] } }, not: { required: ['matterId'] } },
    { properties: { kind: { enum: [SyncScopeKinds.matter] } }, required: ['matterId'] },
  ],
})
export class SyncScope {
  @Field.oneOf(SyncScopeKinds)
  @rule('isScopeShape', hasMatterIdIffMatter, 'must be matter with a matterId, or firm without one', {
    inClassSchema: true,
  })
  kind!: SyncScopeKind;

  @Field.id({ optional: true })
  matterId?: string;
}
