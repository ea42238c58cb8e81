import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ClioWriteConflictedV1 {
  @Field.id() writeId!: string;
  /** The fields both the person and someone in Clio changed since the person's version. */
  @Field.idList() fields!: string[];
  /** The person's values of those fields. */
  @Field.writeValues() mine!: Record<string, unknown>;
  /** Clio's current values of those fields. */
  @Field.writeValues() theirs!: Record<string, unknown>;
  /** Clio's etag now: a resolution that sends values sends them `If-Match` this one. */
  @Field.text({}, 200) currentEtag!: string;
}

export const clioWriteConflicted = defineEvent({
  type: EventTypes.ClioWriteConflicted,
  description:
    'Clio answered 412 and the record changed in Clio in a field the write changes: both versions wait for a person to resolve.',
  streamType: StreamTypes.clioWrite,
  currentVersion: 1,
  versions: { 1: ClioWriteConflictedV1 },
  upcasters: {},
  examples: {
    1: {
      writeId: '5c0e7a52-3f0e-5a7e-9d1f-2b7f1a0c9e11',
      fields: ['description'],
      mine: { description: 'Smith v. Jones (appeal)' },
      theirs: { description: 'Smith v. Jones - appeal filed' },
      currentEtag: '"c3d4"',
    },
  },
});
