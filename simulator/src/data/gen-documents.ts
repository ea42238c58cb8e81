import type { DocumentVersionRecord, FolderRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { GenContext } from './gen-context';
import { sec } from './gen-context';
import type { Rng } from './prng';
import { DOCUMENT_CATEGORIES, DOCUMENT_TITLES, FILE_KINDS, FOLDER_NAMES } from './vocab';

const within = (rng: Rng, from: number, to: number): number =>
  sec(from + Math.floor(rng.next() * Math.max(0, to - from)));

/**
 * The account root folder, one folder per matter (child of the root) with sub-folders, then documents with
 * versions spread over the matters' folders (a few busy matters hold many documents). Folders come first, so their
 * ids are lower; documents and folders share one id sequence.
 */
export const generateDocuments = (g: GenContext): void => {
  const rng = g.rng('documents');
  const store = g.store;
  const userCount = Math.max(1, store.table(Resource.Users).size);
  const root = store.seed(Resource.Folders, {
    id: g.nextItemId++,
    name: 'Documents',
    parent_id: null,
    matter_id: null,
    contact_id: null,
    root: true,
    locked: false,
    creator_id: 1,
    document_category_id: null,
    deleted_at: null,
    created_at: g.founded,
    updated_at: g.founded,
  });
  const foldersByMatter: number[][] = [];
  for (const m of [...store.table(Resource.Matters).ascending()]) {
    const top = store.seed(
      Resource.Folders,
      folder(g, rng, m.description.slice(0, 60), root.id, { matter: m.id }, m.created_at, userCount),
    );
    store.table(Resource.Matters).replace({ ...m, folder_id: top.id });
    const ids = [top.id];
    const subs = rng.int(0, g.counts.folders_per_matter * 2);
    for (let s = 0; s < subs; s++) {
      const parentId = s > 1 && rng.bool(0.3) ? rng.pick(ids) : top.id;
      const created = within(rng, m.created_at, g.anchor);
      ids.push(
        store.seed(
          Resource.Folders,
          folder(g, rng, FOLDER_NAMES[s % FOLDER_NAMES.length], parentId, { matter: m.id }, created, userCount),
        ).id,
      );
    }
    foldersByMatter.push(ids);
  }
  const contactFolders = generateContactFolders(g, root.id, userCount);
  const n = g.counts.documents;
  if (foldersByMatter.length === 0) return;
  const outside = g.rng('documents-outside-matters');
  let versionId = 1;
  for (let i = 0; i < n; i++) {
    const matterIdx = rng.skewed(foldersByMatter.length, 2.2);
    const inMatter = rng.pick(foldersByMatter[matterIdx]);
    // One document in twenty lives in a contact's folder, outside any matter (Clio files documents on contacts too).
    const parentId = contactFolders.length > 0 && outside.bool(0.05) ? outside.pick(contactFolders) : inMatter;
    const parent = store.get(Resource.Folders, parentId) as FolderRecord;
    const [ext, contentType, minSize, maxSize] = rng.weighted(FILE_KINDS.map((k) => [k, k[4]] as const));
    const title = rng.pick(DOCUMENT_TITLES);
    const filename = `${title.replace(/ /g, '_')}_${i + 1}.${ext}`;
    const created = within(rng, parent.created_at, g.anchor);
    const id = g.nextItemId++;
    const nVersions = rng.weighted([
      [1, 72],
      [2, 19],
      [3, 7],
      [5, 2],
    ] as const);
    let at = created;
    let last: DocumentVersionRecord | undefined;
    for (let v = 1; v <= nVersions; v++) {
      const size = rng.int(minSize, maxSize);
      last = store.seed(Resource.DocumentVersions, {
        id: versionId++,
        document_id: id,
        uuid: rng.uuid(),
        filename,
        size,
        version_number: v,
        content_type: contentType,
        received_at: null,
        fully_uploaded: true,
        creator_id: rng.int(1, userCount),
        put_url: null,
        upload_received: null,
        created_at: at,
        updated_at: at,
      });
      at = within(rng, at, g.anchor);
    }
    const lastVersion = last as DocumentVersionRecord;
    store.seed(Resource.Documents, {
      id,
      name: filename,
      filename,
      content_type: contentType,
      size: lastVersion.size,
      parent_id: parentId,
      matter_id: parent.matter_id,
      contact_id: parent.contact_id,
      document_category_id: rng.bool(0.6) ? rng.int(1, DOCUMENT_CATEGORIES.length) : null,
      creator_id: lastVersion.creator_id,
      received_at: rng.bool(0.2) ? created : null,
      locked: false,
      latest_version_id: lastVersion.id,
      deleted_at: null,
      created_at: created,
      updated_at: Math.max(lastVersion.created_at, created),
    });
  }
};

const folder = (
  g: GenContext,
  rng: Rng,
  name: string,
  parentId: number,
  owner: { matter?: number; contact?: number },
  created: number,
  userCount: number,
): Omit<FolderRecord, 'etag' | 'rev'> => ({
  id: g.nextItemId++,
  name,
  parent_id: parentId,
  matter_id: owner.matter ?? null,
  contact_id: owner.contact ?? null,
  root: false,
  locked: false,
  creator_id: rng.int(1, userCount),
  document_category_id: null,
  deleted_at: null,
  created_at: created,
  updated_at: created,
});

/** Clio creates a folder for every contact (a child of the account root), linked from `contact.folder`. */
const generateContactFolders = (g: GenContext, rootId: number, userCount: number): number[] => {
  const rng = g.rng('contact-folders');
  const ids: number[] = [];
  for (const c of [...g.store.table(Resource.Contacts).ascending()]) {
    const f = g.store.seed(
      Resource.Folders,
      folder(g, rng, c.name.slice(0, 60), rootId, { contact: c.id }, c.created_at, userCount),
    );
    g.store.table(Resource.Contacts).replace({ ...c, folder_id: f.id });
    ids.push(f.id);
  }
  return ids;
};
