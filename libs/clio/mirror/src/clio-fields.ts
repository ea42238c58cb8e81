import type { ClioEntityType } from './entity-types';

/**
 * The one table of Clio `fields` requested per resource: what the mirror stores in `data`. Every list has `id`,
 * `etag`, `created_at` (delete detection counts by creation time) and `updated_at` (incremental sync); documents
 * and folders add `deleted_at` (trash), `matter{id}` and `parent{id}` (counting per matter and folder). Nested
 * objects are asked with braces so Clio returns only their id (a second level of braces would be a 400).
 * Every name is a field of the resource in Clio's OpenAPI (SPEC25 schemas) and in the simulator's models.
 */
export const CLIO_FIELDS: Readonly<Record<ClioEntityType, readonly string[]>> = {
  users: ['id', 'etag', 'created_at', 'updated_at', 'name', 'first_name', 'last_name', 'email', 'enabled', 'subscription_type'],
  custom_fields: ['id', 'etag', 'created_at', 'updated_at', 'name', 'parent_type', 'field_type', 'displayed', 'deleted'],
  matters: [
    'id', 'etag', 'created_at', 'updated_at', 'display_number', 'description', 'status', 'open_date', 'close_date',
    'client{id}', 'responsible_attorney{id}', 'practice_area{id}',
  ],
  contacts: ['id', 'etag', 'created_at', 'updated_at', 'name', 'type', 'first_name', 'last_name', 'is_client'],
  calendar_entries: ['id', 'etag', 'created_at', 'updated_at', 'summary', 'start_at', 'end_at', 'all_day', 'matter{id}'],
  tasks: ['id', 'etag', 'created_at', 'updated_at', 'name', 'status', 'priority', 'due_at', 'completed_at', 'matter{id}', 'assignee{id}'],
  folders: ['id', 'etag', 'created_at', 'updated_at', 'deleted_at', 'name', 'root', 'parent{id}', 'matter{id}'],
  documents: [
    'id', 'etag', 'created_at', 'updated_at', 'deleted_at', 'name', 'filename', 'size', 'content_type', 'parent{id}',
    'matter{id}', 'latest_document_version{id}',
  ],
  activities: ['id', 'etag', 'created_at', 'updated_at', 'type', 'date', 'quantity', 'total', 'matter{id}', 'user{id}'],
};
