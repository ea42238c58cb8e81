import type { BaseRecord } from '../store/records';
import type { SimStore } from '../store/store';
import type { ListSpec } from './list-spec';
import { CUSTOM_FIELDS_LIST, USERS_LIST, versionsList } from './specs/admin.list';
import { CONTACTS_LIST } from './specs/contacts.list';
import { documentsList, FOLDERS_LIST, itemsList } from './specs/documents.list';
import { MATTERS_LIST } from './specs/matters.list';
import { ACTIVITIES_LIST, CALENDAR_ENTRIES_LIST, TASKS_LIST } from './specs/work.list';

/** Index endpoints served from a table (path under /api/v4, without `.json`). `/documents/{id}/versions` is per document. */
export const listEndpoints = (store: SimStore): { path: string; spec: ListSpec<BaseRecord> }[] =>
  [
    { path: '/matters', spec: MATTERS_LIST },
    { path: '/contacts', spec: CONTACTS_LIST },
    { path: '/documents', spec: documentsList(store) },
    { path: '/folders', spec: FOLDERS_LIST },
    { path: '/folders/list', spec: itemsList(store) },
    { path: '/calendar_entries', spec: CALENDAR_ENTRIES_LIST },
    { path: '/tasks', spec: TASKS_LIST },
    { path: '/activities', spec: ACTIVITIES_LIST },
    { path: '/users', spec: USERS_LIST },
    { path: '/custom_fields', spec: CUSTOM_FIELDS_LIST },
    { path: '/documents/{id}/versions', spec: versionsList(0) },
  ] as unknown as { path: string; spec: ListSpec<BaseRecord> }[];

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
  'POST /activities.json': ['fields'],
  'PATCH /activities/{id}.json': ['fields'],
  'POST /custom_fields.json': ['fields'],
  'PATCH /custom_fields/{id}.json': ['fields'],
};
