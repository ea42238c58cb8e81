import { EventTypes, readEventOf, type RecordedEventOf } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import type { Projection } from '@sf/projections';
import type { DocumentProcessorTables } from '../schema/document-processor.tables';

const TYPES: ReadonlySet<typeof EventTypes.DocumentProcessed> = new Set([EventTypes.DocumentProcessed]);
type Processed = RecordedEventOf<typeof EventTypes.DocumentProcessed>;

const rowOf = (e: Processed) => {
  const d = e.data;
  const at = LogPosition.of(e);
  return {
    firm_id: e.metadata.firmId,
    document_id: d.documentId,
    job_id: d.jobId,
    sha256: d.sha256,
    size: d.size,
    content_type: d.contentType,
    processed_at: e.metadata.occurredAt,
    last_tx_id: at.txId.toString(),
    last_global_position: at.position.toString(),
  };
};

/**
 * `processed_documents`: the latest `DocumentProcessed` of each document (last event in log order wins), with event
 * time only, so a rebuild from the log equals the live table. One upsert per batch, guarded by log position.
 */
export const processedDocumentsProjection: Projection<DocumentProcessorTables> = {
  name: 'processed_documents',
  version: 1,
  tables: ['processed_documents'],
  eventTypes: TYPES,
  async apply(trx, events) {
    const latest = new Map<string, ReturnType<typeof rowOf>>();
    for (const e of events) {
      // The typed reader validates and upcasts; a payload failing its contract is a bug upstream, skipped.
      const read = readEventOf(e, TYPES);
      if (!read?.ok) continue;
      latest.set(`${e.metadata.firmId}/${read.value.data.documentId}`, rowOf(read.value));
    }
    if (latest.size === 0) return;
    await trx
      .insertInto('processed_documents')
      .values([...latest.values()])
      .onConflict((oc) =>
        oc
          .columns(['firm_id', 'document_id'])
          .doUpdateSet((eb) => ({
            job_id: eb.ref('excluded.job_id'),
            sha256: eb.ref('excluded.sha256'),
            size: eb.ref('excluded.size'),
            content_type: eb.ref('excluded.content_type'),
            processed_at: eb.ref('excluded.processed_at'),
            last_tx_id: eb.ref('excluded.last_tx_id'),
            last_global_position: eb.ref('excluded.last_global_position'),
          }))
          .where((eb) =>
            eb.or([
              eb('processed_documents.last_tx_id', 'is', null),
              eb(
                eb.refTuple('processed_documents.last_tx_id', 'processed_documents.last_global_position'),
                '<',
                eb.refTuple('excluded.last_tx_id', 'excluded.last_global_position'),
              ),
            ]),
          ),
      )
      .execute();
  },
};
