import { randomUUID } from 'node:crypto';
import type { DocumentRecord, DocumentVersionRecord, FolderRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import type { SimStore } from '../../store/store';

/**
 * Document and folder operations shared by the HTTP handlers and the activity generator. They write through the
 * store, so every step is on the change feed.
 */

export interface NewFolder {
  name: string;
  parentId: number;
  creatorId?: number | null;
}

export const createFolder = (store: SimStore, f: NewFolder): FolderRecord => {
  const parent = store.get(Resource.Folders, f.parentId);
  return store.create(Resource.Folders, {
    name: f.name,
    parent_id: f.parentId,
    matter_id: parent?.matter_id ?? null,
    contact_id: parent?.contact_id ?? null,
    root: false,
    locked: false,
    creator_id: f.creatorId ?? null,
    document_category_id: null,
    deleted_at: null,
  });
};

/** The folder a new matter gets (a child of the account root), linked from `matter.folder_id`. */
export const createMatterFolder = (
  store: SimStore,
  matterId: number,
  name: string,
  rootFolderId: number | undefined,
): FolderRecord => {
  const folder = store.create(Resource.Folders, {
    name: name.slice(0, 60) || `Matter ${matterId}`,
    parent_id: rootFolderId ?? null,
    matter_id: matterId,
    contact_id: null,
    root: rootFolderId === undefined,
    locked: false,
    creator_id: null,
    document_category_id: null,
    deleted_at: null,
  });
  store.update(Resource.Matters, matterId, { folder_id: folder.id });
  return folder;
};

/** The folder a new contact gets (a child of the account root), linked from `contact.folder_id`. */
export const createContactFolder = (
  store: SimStore,
  contactId: number,
  name: string,
  rootFolderId: number | undefined,
): FolderRecord => {
  const folder = store.create(Resource.Folders, {
    name: name.slice(0, 60) || `Contact ${contactId}`,
    parent_id: rootFolderId ?? null,
    matter_id: null,
    contact_id: contactId,
    root: rootFolderId === undefined,
    locked: false,
    creator_id: null,
    document_category_id: null,
    deleted_at: null,
  });
  store.update(Resource.Contacts, contactId, { folder_id: folder.id });
  return folder;
};

export interface NewVersion {
  filename: string;
  contentType: string;
  creatorId?: number | null;
  /**
   * Bytes of an already-complete version (activity generator, control API). Omit to start an upload: the version
   * is `fully_uploaded: false` with a `put_url` until the client PUTs the bytes and PATCHes `fully_uploaded: true`.
   */
  size?: number;
  /** Base of the upload URL, e.g. `http://127.0.0.1:4010/_uploads` (needed when `size` is omitted). */
  uploadBase?: string;
}

const versionFields = (store: SimStore, documentId: number, v: NewVersion, number: number) => {
  const uuid = randomUUID();
  const complete = v.size !== undefined;
  return {
    document_id: documentId,
    uuid,
    filename: v.filename,
    size: v.size ?? 0,
    version_number: number,
    content_type: v.contentType,
    received_at: null,
    fully_uploaded: complete,
    creator_id: v.creatorId ?? null,
    put_url: complete ? null : `${v.uploadBase ?? ''}/${uuid}`,
    upload_received: null,
  };
};

export const createDocument = (
  store: SimStore,
  d: { name: string; parentId: number; version: NewVersion },
): { document: DocumentRecord; version: DocumentVersionRecord } => {
  const parent = store.get(Resource.Folders, d.parentId);
  const id = store.nextId(Resource.Documents);
  const version = store.create(Resource.DocumentVersions, versionFields(store, id, d.version, 1));
  const document = store.create(Resource.Documents, {
    name: d.name,
    filename: d.version.filename,
    content_type: d.version.contentType,
    size: version.size,
    parent_id: d.parentId,
    matter_id: parent?.matter_id ?? null,
    contact_id: parent?.contact_id ?? null,
    document_category_id: null,
    creator_id: d.version.creatorId ?? null,
    received_at: null,
    locked: false,
    latest_version_id: version.id,
    deleted_at: null,
  });
  return { document, version };
};

/** A new version of an existing document; a complete one becomes the latest at once. */
export const addDocumentVersion = (
  store: SimStore,
  documentId: number,
  v: NewVersion,
): DocumentVersionRecord | undefined => {
  const doc = store.get(Resource.Documents, documentId);
  if (!doc) return undefined;
  let highest = 0;
  for (const x of store.table(Resource.DocumentVersions).ascending())
    if (x.document_id === documentId) highest = Math.max(highest, x.version_number);
  const version = store.create(Resource.DocumentVersions, versionFields(store, documentId, v, highest + 1));
  if (version.fully_uploaded) promote(store, doc, version);
  return version;
};

const promote = (store: SimStore, doc: DocumentRecord, v: DocumentVersionRecord): void => {
  store.update(Resource.Documents, doc.id, {
    latest_version_id: v.id,
    size: v.size,
    filename: v.filename,
    content_type: v.content_type,
  });
};

/** Record the bytes PUT to a version's upload URL. */
export const receiveUpload = (
  store: SimStore,
  uuid: string,
  bytes: number,
  contentType: string | undefined,
): DocumentVersionRecord | undefined => {
  const v = findVersionByUuid(store, uuid);
  if (!v || v.fully_uploaded) return undefined;
  const res = store.update(Resource.DocumentVersions, v.id, {
    upload_received: bytes,
    size: bytes,
    content_type: contentType ?? v.content_type,
  });
  return res.ok ? res.record : undefined;
};

export type CompleteResult = { ok: true; document: DocumentRecord } | { ok: false; reason: 'UploadNotFoundError' };

/** `PATCH /documents/{id}` with `{uuid, fully_uploaded: true}`: the version becomes the document's latest. */
export const completeUpload = (store: SimStore, documentId: number, uuid: string): CompleteResult => {
  const v = findVersionByUuid(store, uuid);
  if (!v || v.document_id !== documentId || v.upload_received === null)
    return { ok: false, reason: 'UploadNotFoundError' };
  const res = store.update(Resource.DocumentVersions, v.id, { fully_uploaded: true, put_url: null });
  if (!res.ok) return { ok: false, reason: 'UploadNotFoundError' };
  const doc = store.get(Resource.Documents, documentId) as DocumentRecord;
  promote(store, doc, res.record);
  return { ok: true, document: store.get(Resource.Documents, documentId) as DocumentRecord };
};

export const findVersionByUuid = (store: SimStore, uuid: string): DocumentVersionRecord | undefined => {
  for (const v of store.table(Resource.DocumentVersions).descending()) if (v.uuid === uuid) return v;
  return undefined;
};
