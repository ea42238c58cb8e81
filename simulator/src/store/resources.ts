/** Store resources. Names equal the API collection names (`/api/v4/<name>.json`), except `document_versions`. */
export const Resource = {
  Matters: 'matters',
  Contacts: 'contacts',
  Documents: 'documents',
  Folders: 'folders',
  DocumentVersions: 'document_versions',
  CalendarEntries: 'calendar_entries',
  Tasks: 'tasks',
  Activities: 'activities',
  Users: 'users',
  CustomFields: 'custom_fields',
  Notes: 'notes',
  Relationships: 'relationships',
} as const;
export type Resource = (typeof Resource)[keyof typeof Resource];
export const ALL_RESOURCES: readonly Resource[] = Object.values(Resource);

/** Resources whose DELETE moves the record to the trash (`deleted_at`) instead of removing it. */
export const TRASHABLE: ReadonlySet<Resource> = new Set([Resource.Documents, Resource.Folders]);

/** Kinds of change published on the store's change feed. */
export const ChangeKind = { Created: 'created', Updated: 'updated', Deleted: 'deleted' } as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];
