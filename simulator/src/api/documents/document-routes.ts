import type { Router } from '../../server/router';
import { send } from '../../server/context';
import { Resource } from '../../store/resources';
import type { SimStore } from '../../store/store';
import { API_PREFIX, ErrorType } from '../../wire';
import { DocumentModel, FolderModel } from '../../models/document.models';
import { ApiError, handled, notFound, unprocessable } from '../api-error';
import { bodyData, pathId } from '../crud';
import { renderOne } from '../show';
import { UPLOADS_PREFIX } from '../downloads/download-routes';
import { addDocumentVersion, completeUpload, createDocument, createFolder } from './document-ops';
import { accountRootFolderId } from '../specs/folder-tree';
import { Header } from '../../wire';

type ParentRef = { id: number; type: 'Folder' | 'Matter' | 'Document' | 'Contact' };

const parentRef = (data: Record<string, unknown>): ParentRef => {
  const p = data.parent as { id?: unknown; type?: unknown } | undefined;
  if (
    !p ||
    typeof p.id !== 'number' ||
    !['Folder', 'Matter', 'Document', 'Contact'].includes(String(p.type ?? 'Folder'))
  ) {
    throw unprocessable('parent must be an object with an id and a type (Folder, Matter, Contact or Document)');
  }
  return { id: p.id, type: (p.type ?? 'Folder') as ParentRef['type'] };
};

/** A Matter or Contact parent means that record's folder. */
const folderOf = (store: SimStore, ref: ParentRef): number => {
  if (ref.type === 'Folder') {
    const f = store.get(Resource.Folders, ref.id);
    if (!f || f.deleted_at !== null) throw unprocessable('parent folder not found');
    return f.id;
  }
  if (ref.type === 'Matter') {
    const m = store.get(Resource.Matters, ref.id);
    if (!m || m.folder_id === null) throw unprocessable('parent matter not found');
    return m.folder_id;
  }
  const root = accountRootFolderId(store);
  if (root === undefined) throw unprocessable('no root folder');
  return root;
};

const nameOf = (data: Record<string, unknown>): string => {
  if (typeof data.name !== 'string' || data.name.trim() === '') throw unprocessable('name must be provided');
  return data.name;
};

/** Document and folder writes: upload flow (Clio's OpenAPI Documents tag), rename/move, trash on DELETE (generic handler). */
export const registerDocumentWrites = (router: Router, store: SimStore): void => {
  router.add(
    'POST',
    `${API_PREFIX}/documents`,
    handled(async (ctx) => {
      const data = await bodyData(ctx);
      const name = nameOf(data);
      const parent = parentRef(data);
      const contentType = typeof data.content_type === 'string' ? data.content_type : 'application/octet-stream';
      const version = { filename: name, contentType, uploadBase: `${ctx.origin}${UPLOADS_PREFIX}` };
      if (parent.type === 'Document') {
        const doc = store.get(Resource.Documents, parent.id);
        if (!doc || doc.deleted_at !== null) throw unprocessable('parent document not found');
        addDocumentVersion(store, doc.id, version);
        return send(ctx, 201, renderOne(ctx, store, DocumentModel, store.get(Resource.Documents, doc.id)!));
      }
      const { document } = createDocument(store, { name, parentId: folderOf(store, parent), version });
      send(ctx, 201, renderOne(ctx, store, DocumentModel, document));
    }),
  );

  router.add(
    'PATCH',
    `${API_PREFIX}/documents/:id`,
    handled(async (ctx) => {
      const id = pathId(ctx);
      const doc = store.get(Resource.Documents, id);
      if (!doc) throw notFound('Document');
      const data = await bodyData(ctx);
      const ifMatch = ctx.headers[Header.IfMatch];
      if (typeof ifMatch === 'string' && ifMatch.trim() !== doc.etag) {
        throw new ApiError(
          412,
          ErrorType.PreconditionFailed,
          'The resource has been modified since the given ETag (If-Match)',
        );
      }
      if (data.fully_uploaded === true) {
        if (typeof data.uuid !== 'string') throw unprocessable('uuid must be provided with fully_uploaded');
        const done = completeUpload(store, id, data.uuid);
        if (!done.ok) throw new ApiError(422, done.reason, 'No upload was received for this uuid');
      }
      const patch: { name?: string; parent_id?: number; matter_id?: number | null } = {};
      if (data.name !== undefined) patch.name = nameOf(data);
      if (data.parent !== undefined) {
        const folderId = folderOf(store, parentRef(data));
        patch.parent_id = folderId;
        patch.matter_id = store.get(Resource.Folders, folderId)?.matter_id ?? null;
      }
      if (Object.keys(patch).length > 0) store.update(Resource.Documents, id, patch);
      send(ctx, 200, renderOne(ctx, store, DocumentModel, store.get(Resource.Documents, id)!));
    }),
  );

  router.add(
    'POST',
    `${API_PREFIX}/folders`,
    handled(async (ctx) => {
      const data = await bodyData(ctx);
      const folder = createFolder(store, { name: nameOf(data), parentId: folderOf(store, parentRef(data)) });
      send(ctx, 201, renderOne(ctx, store, FolderModel, folder));
    }),
  );

  router.add(
    'PATCH',
    `${API_PREFIX}/folders/:id`,
    handled(async (ctx) => {
      const id = pathId(ctx);
      if (!store.get(Resource.Folders, id)) throw notFound('Folder');
      const data = await bodyData(ctx);
      const patch: { name?: string; parent_id?: number } = {};
      if (data.name !== undefined) patch.name = nameOf(data);
      if (data.parent !== undefined) {
        const target = folderOf(store, parentRef(data));
        if (target === id) throw unprocessable('a folder cannot be its own parent');
        patch.parent_id = target;
      }
      const ifMatch = ctx.headers[Header.IfMatch];
      const res = store.update(Resource.Folders, id, patch, {
        ifMatch: typeof ifMatch === 'string' ? ifMatch.trim() : undefined,
      });
      if (!res.ok)
        throw new ApiError(
          412,
          ErrorType.PreconditionFailed,
          'The resource has been modified since the given ETag (If-Match)',
        );
      send(ctx, 200, renderOne(ctx, store, FolderModel, res.record));
    }),
  );
};
