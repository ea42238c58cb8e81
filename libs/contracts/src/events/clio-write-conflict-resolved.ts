import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes, WriteResolutions, type WriteResolution } from '../wire-names';

export class ClioWriteConflictResolvedV1 {
  @Field.id() writeId!: string;
  @Field.oneOf(WriteResolutions) resolution!: WriteResolution;
  /** What goes to Clio now (`keep_mine`: mine; `edit`: the edited values); null for `keep_clio`. */
  @Field.writeValues({ nullable: true }) values!: Record<string, unknown> | null;
  /** The etag the values are sent `If-Match` (the conflict's `currentEtag`). */
  @Field.text({}, 200) baseEtag!: string;
  @Field.id() resolvedBy!: string;
}

export const clioWriteConflictResolved = defineEvent({
  type: EventTypes.ClioWriteConflictResolved,
  description: 'A conflict resolved: keep mine or edit (pending again, against the current etag), or keep Clio (done).',
  streamType: StreamTypes.clioWrite,
  currentVersion: 1,
  versions: { 1: ClioWriteConflictResolvedV1 },
  upcasters: {},
  examples: {
    1: {
      writeId: '5c0e7a52-3f0e-5a7e-9d1f-2b7f1a0c9e11',
      resolution: 'keep_mine',
      values: { description: 'Smith v. Jones (appeal)' },
      baseEtag: '"c3d4"',
      resolvedBy: 'user-7',
    },
  },
});
