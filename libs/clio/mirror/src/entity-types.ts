import type { ClioResource } from '@sf/clio-client';

/**
 * The Clio entity types the platform mirrors, in the order a full sync fetches them (seed 001's priorities): users
 * and custom fields first (small, and the others refer to them), then matters and contacts and their notes, then
 * calendar entries and tasks, then folders, documents and activities. Matters' related contacts (`relationships`)
 * have their own index: nested in a matter they carry no contact. Most names are Clio's index resources
 * (`/<name>.json`); matter notes and contact notes are the two listings of `/notes.json` (see `listingSourceOf`).
 */
export const CLIO_ENTITY_TYPES = [
  'users',
  'custom_fields',
  'matters',
  'contacts',
  'relationships',
  'matter_notes',
  'contact_notes',
  'calendar_entries',
  'tasks',
  'folders',
  'documents',
  'activities',
] as const;
export type ClioEntityType = (typeof CLIO_ENTITY_TYPES)[number];

/** Entity types whose records live in a folder tree and carry a `parent_id` column (and Clio's trash). */
export const TREE_ENTITY_TYPES: ReadonlySet<ClioEntityType> = new Set(['folders', 'documents']);

/**
 * What a matter-scoped sync fetches: the matter itself (its custom field values come nested in it), then every entity type that belongs to a matter, filtered by `matter_id` (document versions come nested in
 * the documents).
 */
export const MATTER_SCOPE_ENTITY_TYPES: readonly ClioEntityType[] = [
  'matters',
  'relationships',
  'matter_notes',
  'calendar_entries',
  'tasks',
  'folders',
  'documents',
  'activities',
];

export const isClioEntityType = (v: unknown): v is ClioEntityType =>
  typeof v === 'string' && (CLIO_ENTITY_TYPES as readonly string[]).includes(v);

/** Where an entity type is listed: the Clio resource and the filters that always go with it. */
export interface ListingSource {
  resource: ClioResource;
  filters: Readonly<Record<string, string>>;
}

const NOTES: Partial<Record<ClioEntityType, ListingSource>> = {
  // Clio's `/notes.json` requires `type`: one listing per kind of note.
  matter_notes: { resource: 'notes', filters: { type: 'Matter' } },
  contact_notes: { resource: 'notes', filters: { type: 'Contact' } },
};

export const listingSourceOf = (e: ClioEntityType): ListingSource =>
  NOTES[e] ?? { resource: e as Exclude<ClioEntityType, 'matter_notes' | 'contact_notes'>, filters: {} };

/** The filters that narrow a listing to one matter: the matter itself by id, anything else by `matter_id`. */
export const matterFilters = (e: ClioEntityType, matterId: string): Record<string, string> =>
  e === 'matters' ? { 'ids[]': matterId } : { matter_id: matterId };

/** Mirror table of an entity type. */
export const mirrorTableOf = <E extends ClioEntityType>(entityType: E): `clio_${E}` => `clio_${entityType}`;

export type MirrorTable = ReturnType<typeof mirrorTableOf<ClioEntityType>>;

export const MIRROR_TABLES: readonly MirrorTable[] = CLIO_ENTITY_TYPES.map((e) => mirrorTableOf(e));
