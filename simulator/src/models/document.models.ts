import type { DocumentRecord, DocumentVersionRecord, FolderRecord, UserRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { FieldDef, Model, RenderEnv } from './model';
import { defineModel, key, one, stubArray, stubObject, time, val } from './model';
import { ContactModel } from './contact.models';
import { folderBaseFields } from './folder-base.models';
import { DocumentCategoryModel, lookupById } from './lookup.models';
import { MatterModel } from './matter.models';
import { ClioCreatorModel } from './user.models';

type Item = DocumentRecord | FolderRecord;

const creator = <T extends { creator_id: number | null }>(): FieldDef<T> =>
  one(
    () => ClioCreatorModel,
    (r: T, env: RenderEnv): UserRecord | undefined =>
      r.creator_id === null ? undefined : env.store.get(Resource.Users, r.creator_id),
    [Resource.Users],
  );

const parent = <T extends { parent_id: number | null }>(): FieldDef<T> =>
  one(
    () => FolderModel,
    (r: T, env: RenderEnv) => (r.parent_id === null ? undefined : env.store.get(Resource.Folders, r.parent_id)),
    [Resource.Folders],
  );

const matter = <T extends { matter_id: number | null }>(): FieldDef<T> =>
  one(
    () => MatterModel,
    (r: T, env: RenderEnv) => (r.matter_id === null ? undefined : env.store.get(Resource.Matters, r.matter_id)),
    [Resource.Matters],
  );

const contact = <T extends { contact_id: number | null }>(): FieldDef<T> =>
  one(
    () => ContactModel,
    (r: T, env: RenderEnv) => (r.contact_id === null ? undefined : env.store.get(Resource.Contacts, r.contact_id)),
    [Resource.Contacts],
  );

const category = <T extends { document_category_id: number | null }>(): FieldDef<T> =>
  one(
    () => DocumentCategoryModel,
    (r: T, env: RenderEnv) => lookupById(env.store.lookups.documentCategories, r.document_category_id),
  );

export const DocumentVersionModel: Model<DocumentVersionRecord> = defineModel('DocumentVersion', {
  id: key('id'),
  document_id: key('document_id'),
  etag: key('etag'),
  uuid: key('uuid'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  filename: key('filename'),
  size: key('size'),
  version_number: key('version_number'),
  content_type: key('content_type'),
  received_at: time('received_at'),
  put_url: key('put_url'),
  fully_uploaded: key('fully_uploaded'),
  creator: creator(),
  put_headers: stubArray,
  multiparts: stubArray,
});

const latestVersion = one(
  () => DocumentVersionModel,
  (d: DocumentRecord, env: RenderEnv) => env.store.get(Resource.DocumentVersions, d.latest_version_id),
  [Resource.DocumentVersions],
);

export const FolderModel: Model<FolderRecord> = defineModel('Folder', {
  ...folderBaseFields,
  parent: parent(),
  matter: matter(),
  contact: contact(),
  document_category: category(),
  creator: creator(),
  latest_document_version: stubObject,
  group: stubObject,
  external_properties: stubArray,
});

export const DocumentModel: Model<DocumentRecord> = defineModel('Document', {
  id: key('id'),
  etag: key('etag'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  deleted_at: time('deleted_at'),
  type: val(() => 'Document'),
  locked: key('locked'),
  name: key('name'),
  received_at: time('received_at'),
  filename: key('filename'),
  size: key('size'),
  content_type: key('content_type'),
  parent: parent(),
  matter: matter(),
  contact: contact(),
  document_category: category(),
  creator: creator(),
  latest_document_version: latestVersion,
  group: stubObject,
  external_properties: stubArray,
});

const isFolder = (r: Item): r is FolderRecord => 'root' in r;

/** `/folders/list` rows: documents and folders (Item). */
export const ItemModel: Model<Item> = defineModel('Item', {
  id: key('id'),
  etag: key('etag'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  deleted_at: time('deleted_at'),
  type: val((r) => (isFolder(r) ? 'Folder' : 'Document')),
  locked: key('locked'),
  name: key('name'),
  parent: parent(),
  matter: matter(),
  contact: contact(),
  document_category: category(),
  creator: creator(),
  latest_document_version: one(
    () => DocumentVersionModel,
    (r: Item, env: RenderEnv) =>
      isFolder(r) ? undefined : env.store.get(Resource.DocumentVersions, r.latest_version_id),
    [Resource.DocumentVersions],
  ),
  group: stubObject,
  external_properties: stubArray,
});
