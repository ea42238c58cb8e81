import type { Executor } from '@sf/db';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** Which documents of a matter: all of them (no folder), a folder's direct children, or its whole subtree. */
export interface DocumentSelection {
  firmId: string;
  matterId: string;
  /** null = every document of the matter. */
  folderId: string | null;
  /** Walk the folder tree below `folderId` (live folders only); ignored without a folder. Default false. */
  includeSubfolders: boolean;
}

/**
 * The live (not soft-deleted) documents of a selection, as a query to count or list. The subtree is a recursive
 * CTE over `clio_folders` (`union`, not `union all`, so a cycle in bad data ends instead of looping).
 */
const liveDocuments = (db: Executor<OrchestratorDb>, s: DocumentSelection) => {
  const base = db
    .selectFrom('clio_documents as d')
    .where('d.firm_id', '=', s.firmId)
    .where('d.matter_id', '=', s.matterId)
    .where('d.is_soft_deleted', '=', false);
  if (s.folderId === null) return base;
  if (!s.includeSubfolders) return base.where('d.parent_id', '=', s.folderId);
  const folderId = s.folderId;
  return db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('clio_folders as f0')
        .select('f0.id')
        .where('f0.firm_id', '=', s.firmId)
        .where('f0.id', '=', folderId)
        .union((u) =>
          u
            .selectFrom('clio_folders as f')
            .innerJoin('tree', 'tree.id', 'f.parent_id')
            .select('f.id')
            .where('f.firm_id', '=', s.firmId)
            .where('f.is_soft_deleted', '=', false),
        ),
    )
    .selectFrom('clio_documents as d')
    .where('d.firm_id', '=', s.firmId)
    .where('d.matter_id', '=', s.matterId)
    .where('d.is_soft_deleted', '=', false)
    .where('d.parent_id', 'in', (qb) => qb.selectFrom('tree').select('tree.id'));
};

export const countDocuments = async (db: Executor<OrchestratorDb>, s: DocumentSelection): Promise<number> => {
  const row = await liveDocuments(db, s)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

/** The ids, ordered, so a job's snapshot lists its documents in a stable order. */
export const documentIds = async (db: Executor<OrchestratorDb>, s: DocumentSelection): Promise<string[]> =>
  (await liveDocuments(db, s).select('d.id').orderBy('d.id').execute()).map((r) => r.id);
