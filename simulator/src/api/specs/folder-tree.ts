import type { SimStore } from '../../store/store';

const childrenCache = new WeakMap<SimStore, { version: number; children: Map<number, number[]> }>();

/** Folder id → child folder ids, memoised per folders-table version. */
const childFolders = (store: SimStore): Map<number, number[]> => {
  const version = store.version('folders');
  const hit = childrenCache.get(store);
  if (hit && hit.version === version) return hit.children;
  const children = new Map<number, number[]>();
  for (const f of store.table('folders').ascending()) {
    if (f.parent_id === null) continue;
    const list = children.get(f.parent_id);
    if (list) list.push(f.id);
    else children.set(f.parent_id, [f.id]);
  }
  childrenCache.set(store, { version, children });
  return children;
};

/** `folderId` and every folder below it. */
export const folderSubtree = (store: SimStore, folderId: number): Set<number> => {
  const children = childFolders(store);
  const out = new Set<number>([folderId]);
  const stack = [folderId];
  for (let f = stack.pop(); f !== undefined; f = stack.pop()) {
    for (const c of children.get(f) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
    }
  }
  return out;
};

/** The account's root folder (`root: true`, no parent). */
export const accountRootFolderId = (store: SimStore): number | undefined => {
  for (const f of store.table('folders').ascending()) if (f.root && f.parent_id === null) return f.id;
  return undefined;
};
