import type { FolderRecord } from '../store/records';
import type { FieldDef, Model } from './model';
import { defineModel, key, time, val } from './model';

/** Clio's `Folder_base`: the folder's own fields, without nested records. */
export const folderBaseFields: Readonly<Record<string, FieldDef<FolderRecord>>> = {
  id: key('id'),
  etag: key('etag'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  deleted_at: time('deleted_at'),
  type: val(() => 'Folder'),
  locked: key('locked'),
  name: key('name'),
  root: key('root'),
};

/**
 * A folder nested in a matter, where Clio's schema names `Folder_base`. Nested records render their own fields
 * only, so this is also what keeps the matter and document models free of an import loop.
 */
export const FolderBaseModel: Model<FolderRecord> = defineModel('Folder', folderBaseFields);
