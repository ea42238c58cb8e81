import { sql, type Kysely } from 'kysely';

export interface FolderRun {
  matterId: string;
  folderId: string;
  jobId: string;
  status: string;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
  seconds: number;
}

interface ProcessingJobBody {
  status: string;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
}

const TERMINAL = new Set(['completed', 'cancelled', 'failed']);

/**
 * The folder of a synced matter holding the most documents: the demo processes something visible but bounded.
 * Raw SQL because the main job reads the mirror as any operator would, with no service's schema types.
 */
const pickFolder = async <DB>(
  db: Kysely<DB>,
  firmId: string,
): Promise<{ matterId: string; folderId: string } | null> => {
  const { rows } = await sql<{ matter_id: string; parent_id: string }>`
    select matter_id, parent_id from clio_documents
    where firm_id = ${firmId} and matter_id is not null and parent_id is not null and not is_soft_deleted
    group by matter_id, parent_id order by count(*) desc, parent_id limit 1`.execute(db);
  return rows[0] ? { matterId: rows[0].matter_id, folderId: rows[0].parent_id } : null;
};

/**
 * Starts a processing job of the folder holding the most documents through the gateway API (`POST /jobs`); null
 * when the firm has no folder with documents.
 */
export const startFolderJob = async <DB>(
  db: Kysely<DB>,
  orchUrl: string,
  jwt: string,
  firmId: string,
): Promise<{ matterId: string; folderId: string; jobId: string } | null> => {
  const folder = await pickFolder(db, firmId);
  if (folder === null) return null;
  const res = await fetch(`${orchUrl}/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
    body: JSON.stringify({ matterId: folder.matterId, folderId: folder.folderId, includeSubfolders: true }),
  });
  if (res.status !== 201) throw new Error(`POST /jobs answered HTTP ${res.status}`);
  const { jobId } = (await res.json()) as { jobId: string };
  return { ...folder, jobId };
};

/**
 * Processes one folder through the gateway API (`POST /jobs`, then `GET /jobs/{id}` until it ends), as a gateway
 * client would: the document processor downloads each document of the frozen snapshot and records its SHA-256.
 */
export const processOneFolder = async <DB>(
  db: Kysely<DB>,
  orchUrl: string,
  jwt: string,
  firmId: string,
  timeoutMs = 120_000,
): Promise<FolderRun | null> => {
  const started = Date.now();
  const job = await startFolderJob(db, orchUrl, jwt, firmId);
  if (job === null) return null;
  const { jobId } = job;
  const headers = { authorization: `Bearer ${jwt}` };
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const view = await fetch(`${orchUrl}/jobs/${jobId}`, { headers });
    if (view.ok) {
      const body = (await view.json()) as ProcessingJobBody;
      if (TERMINAL.has(body.status)) return { ...job, ...body, seconds: (Date.now() - started) / 1000 };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `processing job ${jobId} did not finish within ${timeoutMs / 1000} s (see the document-processor log)`,
  );
};
