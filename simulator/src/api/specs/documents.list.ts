import type { DocumentRecord, FolderRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import type { SimStore } from '../../store/store';
import { DocumentModel, FolderModel, ItemModel } from '../../models/document.models';
import type { FilterDef, ListSpec, Pred, RowSource } from '../list-spec';
import { boolParam, enumParam, intParam } from '../query-params';
import { intEq, textQuery } from './filter-helpers';
import { accountRootFolderId, folderSubtree } from './folder-tree';

type Item = DocumentRecord | FolderRecord;

/** `parent_id` with `scope` (children: direct; descendants: anywhere below). */
const parentFilter =
  <R extends Item>(defaultParent?: (store: SimStore) => number | undefined): FilterDef<R> =>
  (values, store, q) => {
    const raw = values[0] ?? '';
    const parentId = raw === '' && defaultParent ? defaultParent(store) : intParam('parent_id', raw);
    if (parentId === undefined) return () => false;
    const scope = q.has('scope')
      ? enumParam('scope', q.get('scope') as string, ['children', 'descendants'] as const)
      : 'children';
    if (scope === 'children') return (r) => r.parent_id === parentId;
    const tree = folderSubtree(store, parentId);
    return (r) => r.parent_id !== null && tree.has(r.parent_id);
  };

const scopeCheck: FilterDef<Item> = (values) => {
  enumParam('scope', values[0], ['children', 'descendants'] as const);
  return undefined;
};

/** External properties are not simulated: asking for one matches nothing. */
const noExternalProperties: FilterDef<Item> = () => () => false;

const trashExclusion = (q: URLSearchParams): Pred<Item> | undefined =>
  q.has('include_deleted') && boolParam('include_deleted', q.get('include_deleted') as string)
    ? undefined
    : (r) => r.deleted_at === null;

const uploadExclusion = (q: URLSearchParams, store: SimStore): Pred<DocumentRecord> | undefined =>
  q.has('show_uncompleted') && boolParam('show_uncompleted', q.get('show_uncompleted') as string)
    ? undefined
    : (d) => store.get(Resource.DocumentVersions, d.latest_version_id)?.fully_uploaded !== false;

const itemFilters = {
  matter_id: intEq<Item>('matter_id', 'matter_id'),
  contact_id: intEq<Item>('contact_id', 'contact_id'),
  document_category_id: intEq<Item>('document_category_id', 'document_category_id'),
  query: textQuery<Item>((r) => [r.name]),
  external_property_name: noExternalProperties,
  external_property_value: noExternalProperties,
  scope: scopeCheck,
};

const both = (...preds: (Pred<Item> | undefined)[]): Pred<Item> | undefined => {
  const live = preds.filter((p): p is Pred<Item> => p !== undefined);
  return live.length === 0 ? undefined : (r) => live.every((p) => p(r));
};

/** Built per store (the upload exclusion reads versions). */
export const documentsList = (store: SimStore): ListSpec<DocumentRecord> => ({
  operation: 'GET /documents.json',
  resource: Resource.Documents,
  model: DocumentModel,
  filters: { ...itemFilters, parent_id: parentFilter<DocumentRecord>() },
  orders: {
    name: (d) => d.name.toLowerCase(),
    created_at: (d) => d.created_at,
    updated_at: (d) => d.updated_at,
    received_at: (d) => d.received_at,
    // Document numbers are not simulated: ordering by them is ordering by id.
    document_number: () => null,
  },
  exclusions: (q) => both(trashExclusion(q), uploadExclusion(q, store) as Pred<Item> | undefined),
  exclusionParams: ['include_deleted', 'show_uncompleted'],
});

export const FOLDERS_LIST: ListSpec<FolderRecord> = {
  operation: 'GET /folders.json',
  resource: Resource.Folders,
  model: FolderModel,
  filters: { ...itemFilters, parent_id: parentFilter<FolderRecord>() },
  orders: { name: (f) => f.name.toLowerCase() },
  exclusions: trashExclusion,
  exclusionParams: ['include_deleted'],
};

/** Folders and documents merged by id (they share one id sequence). */
const itemSource: RowSource<Item> = {
  *ascending(store, after) {
    yield* merge(
      store.table(Resource.Folders).ascending(after),
      store.table(Resource.Documents).ascending(after),
      (a, b) => a.id < b.id,
    );
  },
  *descending(store, before) {
    yield* merge(
      store.table(Resource.Folders).descending(before),
      store.table(Resource.Documents).descending(before),
      (a, b) => a.id > b.id,
    );
  },
};

function* merge(a: Iterator<Item>, b: Iterator<Item>, first: (x: Item, y: Item) => boolean): Generator<Item> {
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && first(x.value, y.value))) {
      yield x.value as Item;
      x = a.next();
    } else {
      yield y.value;
      y = b.next();
    }
  }
}

/** `/folders/list`: children of `parent_id` (default: the account root folder). */
export const itemsList = (store: SimStore): ListSpec<Item> => {
  const parent = parentFilter<Item>(accountRootFolderId);
  return {
    operation: 'GET /folders/list.json',
    resource: Resource.Folders,
    model: ItemModel,
    source: itemSource,
    filters: { ...itemFilters, parent_id: parent },
    orders: {
      name: (r) => r.name.toLowerCase(),
      created_at: (r) => r.created_at,
      updated_at: (r) => r.updated_at,
      received_at: (r) => ('received_at' in r ? r.received_at : null),
      document_number: () => null,
    },
    exclusions: (q) => {
      const uploads = uploadExclusion(q, store);
      return both(
        q.has('parent_id') ? undefined : parent([''], store, q),
        trashExclusion(q),
        uploads ? (r) => 'root' in r || uploads(r) : undefined,
      );
    },
    exclusionParams: ['include_deleted', 'show_uncompleted'],
  };
};
