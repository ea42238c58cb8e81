import type { NoteRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import { NoteModel } from '../../models/note.models';
import type { ListSpec } from '../list-spec';
import { badRequest } from '../api-error';
import { boolParam } from '../query-params';
import { intEq, oneOf, textQuery } from './filter-helpers';

/**
 * `GET /notes.json`: matter notes or contact notes, never both in one listing (Clio's OpenAPI makes `type`
 * required).
 */
export const NOTES_LIST: ListSpec<NoteRecord> = {
  operation: 'GET /notes.json',
  resource: Resource.Notes,
  model: NoteModel,
  exclusions: (q) => {
    if (!q.has('type')) throw badRequest('type is required (Matter or Contact)');
    return undefined;
  },
  filters: {
    type: oneOf('type', ['Matter', 'Contact'], (n) => n.type),
    matter_id: intEq('matter_id', 'matter_id'),
    contact_id: intEq('contact_id', 'contact_id'),
    // Time entries against notes are not simulated: a note never has any.
    has_time_entries: (values) => (boolParam('has_time_entries', values[0]) ? () => false : undefined),
    query: textQuery((n) => [n.subject, n.detail]),
  },
  orders: {
    date: (n) => n.date,
    author: (n, store) => (n.author_id === null ? null : (store.get(Resource.Users, n.author_id)?.name ?? null)),
    updated_at: (n) => n.updated_at,
  },
};
