/** Names users know the Clio entity types by (Clio's own menu names where they differ from the API's). */
const LABELS: Readonly<Record<string, string>> = {
  users: 'users',
  custom_fields: 'custom fields',
  matters: 'matters',
  contacts: 'contacts',
  calendar_entries: 'calendar entries',
  tasks: 'tasks',
  folders: 'folders',
  documents: 'documents',
  activities: 'activities (time and expense entries)',
};

/**
 * The user-facing reason an entity type was skipped because Clio answered 403: the connected Clio user lacks the
 * permission, or the app was authorised without that access. Everything else in the firm still syncs.
 */
export const describeForbidden = (entityType: string): string =>
  `Clio does not let this connection read ${LABELS[entityType] ?? 'this kind of record'}: a Clio administrator must ` +
  'grant the connected user that permission (or reconnect Clio to approve the access), then sync again. ' +
  'Everything else was synced.';
