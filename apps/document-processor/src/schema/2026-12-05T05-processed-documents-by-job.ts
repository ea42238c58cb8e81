import { sql, type Kysely } from 'kysely';

/**
 * `GET /jobs/{id}/documents` lists a job's documents of one firm in document order: without this index it walks all
 * of the firm's documents to find the job's (and all of them for a job with none). Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`create index processed_documents_by_job on processed_documents (firm_id, job_id, document_id)`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop index if exists processed_documents_by_job`.execute(db);
};
