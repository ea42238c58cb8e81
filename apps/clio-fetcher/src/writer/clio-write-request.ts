import type { ClioResource, SendRequest } from '@sf/clio-client';
import { CLIO_FIELDS } from '@sf/clio-mirror';
import type { WriteState } from '@sf/clio-writes';

/** The Clio resource of each writable entity type (both kinds of note are `/notes.json`). */
export const RESOURCE_OF: Readonly<Record<WriteState['entityType'], ClioResource>> = {
  matter_notes: 'notes',
  contact_notes: 'notes',
  tasks: 'tasks',
  calendar_entries: 'calendar_entries',
  matters: 'matters',
};

const idRef = (id: string | null): { id: number } | undefined => (id === null ? undefined : { id: Number(id) });

/** What a create carries besides the person's values: the note's kind and its parent, the matter of a task or entry. */
const parentOf = (w: WriteState): Record<string, unknown> => {
  switch (w.entityType) {
    case 'matter_notes':
      return { type: 'Matter', matter: idRef(w.matterId) };
    case 'contact_notes':
      return { type: 'Contact', contact: idRef(w.contactId) };
    case 'tasks':
    case 'calendar_entries':
      return w.matterId === null ? {} : { matter: idRef(w.matterId) };
    case 'matters':
      return {};
  }
};

/**
 * The request that carries `w` to Clio, asking for the mirror's fields back (the confirmed record replaces the
 * pending one). Updates go `If-Match` the etag the person saw (or a conflict's current one); `values` overrides the
 * write's values (a merge after a 412 sends the same fields against a newer etag).
 */
export const clioWriteRequest = (
  w: WriteState,
  over?: { values: Record<string, unknown>; etag: string },
): SendRequest => {
  const resource = RESOURCE_OF[w.entityType];
  const fields = [...CLIO_FIELDS[w.entityType]];
  if (w.operation === 'create')
    return { method: 'POST', path: resource, fields, body: { data: { ...w.values, ...parentOf(w) } } };
  const path = `${resource}/${w.recordId ?? ''}`;
  if (w.operation === 'delete') return { method: 'DELETE', path };
  const etag = over?.etag ?? w.baseEtag;
  return {
    method: 'PATCH',
    path,
    fields,
    body: { data: over?.values ?? w.values },
    ...(etag === null ? {} : { headers: { 'If-Match': etag } }),
  };
};
