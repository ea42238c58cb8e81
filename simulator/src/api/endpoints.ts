import type { BaseRecord } from '../store/records';
import type { SimStore } from '../store/store';
import type { Handler } from '../server/context';
import { listHandler } from './crud';
import type { ListOptions } from './list-engine';
import type { ListSpec } from './list-spec';
import { acceptedParams } from './list-spec';
import { CUSTOM_FIELDS_LIST, USERS_LIST, versionsList } from './specs/admin.list';
import { CONTACTS_LIST } from './specs/contacts.list';
import { documentsList, FOLDERS_LIST, itemsList } from './specs/documents.list';
import { MATTERS_LIST } from './specs/matters.list';
import { NOTES_LIST } from './specs/notes.list';
import { RELATIONSHIPS_LIST } from './specs/relationships.list';
import { ACTIVITIES_LIST, CALENDAR_ENTRIES_LIST, TASKS_LIST } from './specs/work.list';

/** One index endpoint, its record type hidden behind what routing and the contract test need of it. */
export interface ListEndpoint {
  /** Path under /api/v4, without `.json`. */
  readonly path: string;
  /** The OpenAPI operation it serves, e.g. `GET /matters.json`. */
  readonly operation: string;
  /** Every query parameter it accepts. */
  readonly params: readonly string[];
  /** Accepted `order` fields besides `id`; `undefined` when the endpoint has no `order` parameter. */
  readonly orders: readonly string[] | undefined;
  handler(opts: ListOptions): Handler;
}

const endpoint = <R extends BaseRecord>(store: SimStore, path: string, spec: ListSpec<R>): ListEndpoint => ({
  path,
  operation: spec.operation,
  params: acceptedParams(spec),
  orders: spec.orders && Object.keys(spec.orders),
  handler: (opts) => listHandler(store, spec, opts),
});

/** Index endpoints served from a table. `/documents/{id}/versions` is per document. */
export const listEndpoints = (store: SimStore): ListEndpoint[] => [
  endpoint(store, '/matters', MATTERS_LIST),
  endpoint(store, '/contacts', CONTACTS_LIST),
  endpoint(store, '/documents', documentsList(store)),
  endpoint(store, '/folders', FOLDERS_LIST),
  endpoint(store, '/folders/list', itemsList(store)),
  endpoint(store, '/calendar_entries', CALENDAR_ENTRIES_LIST),
  endpoint(store, '/tasks', TASKS_LIST),
  endpoint(store, '/activities', ACTIVITIES_LIST),
  endpoint(store, '/users', USERS_LIST),
  endpoint(store, '/custom_fields', CUSTOM_FIELDS_LIST),
  endpoint(store, '/notes', NOTES_LIST),
  endpoint(store, '/relationships', RELATIONSHIPS_LIST),
  endpoint(store, '/documents/{id}/versions', versionsList(0)),
];

/**
 * Query parameters accepted by the non-index operations (OpenAPI operation → names). Writes take `fields` too.
 * Headers (`X-API-VERSION`, `IF-NONE-MATCH`, `IF-MODIFIED-SINCE`, `IF-MATCH`) are not query parameters.
 */
export const OTHER_OPERATION_PARAMS: Readonly<Record<string, readonly string[]>> = {
  'GET /matters/{id}.json': ['fields'],
  'GET /contacts/{id}.json': ['fields'],
  'GET /documents/{id}.json': ['fields'],
  'GET /folders/{id}.json': ['fields'],
  'GET /calendar_entries/{id}.json': ['fields'],
  'GET /tasks/{id}.json': ['fields'],
  'GET /activities/{id}.json': ['fields'],
  'GET /users/{id}.json': ['fields'],
  'GET /users/who_am_i.json': ['fields'],
  'GET /custom_fields/{id}.json': ['fields'],
  'GET /notes/{id}.json': ['fields'],
  'GET /relationships/{id}.json': ['fields'],
  'GET /documents/{id}/download.json': ['document_version_id'],
  'POST /matters.json': ['fields'],
  'PATCH /matters/{id}.json': ['fields'],
  'POST /contacts.json': ['fields'],
  'PATCH /contacts/{id}.json': ['fields'],
  'POST /documents.json': ['fields'],
  'PATCH /documents/{id}.json': ['fields'],
  'POST /folders.json': ['fields'],
  'PATCH /folders/{id}.json': ['fields'],
  'POST /calendar_entries.json': ['fields'],
  'PATCH /calendar_entries/{id}.json': ['fields'],
  'POST /tasks.json': ['fields'],
  'PATCH /tasks/{id}.json': ['fields'],
  'POST /notes.json': ['fields'],
  'PATCH /notes/{id}.json': ['fields'],
  'POST /activities.json': ['fields'],
  'PATCH /activities/{id}.json': ['fields'],
  'POST /custom_fields.json': ['fields'],
  'PATCH /custom_fields/{id}.json': ['fields'],
};
