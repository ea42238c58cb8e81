import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';

/** One folder of a matter's tree, with its subfolders. */
export interface FolderNode {
  id: string;
  name: string | null;
  parentId: string | null;
  isDeleted: boolean;
  updatedAt: string | null;
  lastSyncedAt: string | null;
  children: FolderNode[];
}

/**
 * A matter's folders as a tree: roots are the folders whose parent is not one of the matter's folders (Clio's
 * matter root folder, or a folder whose parent this connection cannot see). Children in name order, then id.
 */
export const matterFolderTree = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  firmId: string,
  matterId: string,
  includeDeleted: boolean,
): Promise<FolderNode[]> => {
  const rows = await sql<{
    id: string;
    name: string | null;
    parent_id: string | null;
    is_soft_deleted: boolean;
    updated_at: Date | null;
    last_synced_at: Date | null;
  }>`
    select id, data->>'name' as name, parent_id, is_soft_deleted, updated_at, last_synced_at
    from clio_folders
    where firm_id = ${firmId} and matter_id = ${matterId} ${includeDeleted ? sql`` : sql`and not is_soft_deleted`}
    order by data->>'name', id`.execute(db);
  const nodes = new Map<string, FolderNode>();
  for (const r of rows.rows)
    nodes.set(r.id, {
      id: r.id,
      name: r.name,
      parentId: r.parent_id,
      isDeleted: r.is_soft_deleted,
      updatedAt: r.updated_at?.toISOString() ?? null,
      lastSyncedAt: r.last_synced_at?.toISOString() ?? null,
      children: [],
    });
  const roots: FolderNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    (parent ? parent.children : roots).push(n);
  }
  return roots;
};

/**
 * A folder (ids), with every folder under it when `recursive`; null when the firm's mirror has no such folder (or
 * only a deleted one and deleted records are not asked for).
 */
export const folderAndDescendants = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  firmId: string,
  folderId: string,
  opts: { includeDeleted: boolean; recursive: boolean },
): Promise<string[] | null> => {
  const live = opts.includeDeleted ? sql`` : sql`and not f.is_soft_deleted`;
  const root = sql<{
    id: string;
  }>`select f.id from clio_folders f where f.firm_id = ${firmId} and f.id = ${folderId} ${live}`;
  const r = opts.recursive
    ? await sql<{ id: string }>`
        with recursive tree(id) as (
          ${root}
          union
          select f.id from clio_folders f join tree on f.parent_id = tree.id where f.firm_id = ${firmId} ${live}
        )
        select id from tree`.execute(db)
    : await root.execute(db);
  return r.rows.length === 0 ? null : r.rows.map((x) => x.id);
};
