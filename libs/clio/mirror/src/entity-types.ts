/**
 * The Clio entity types the platform mirrors, in the order a full sync fetches them (seed 001's priorities): users
 * and custom fields first (small, and the others refer to them), then matters and contacts, then calendar entries
 * and tasks, then folders, documents and activities. Names are Clio's index resources (`/<name>.json`).
 */
export const CLIO_ENTITY_TYPES = [
  'users',
  'custom_fields',
  'matters',
  'contacts',
  'calendar_entries',
  'tasks',
  'folders',
  'documents',
  'activities',
] as const;
export type ClioEntityType = (typeof CLIO_ENTITY_TYPES)[number];

/** Entity types whose records live in a folder tree and carry `matter_id`/`parent_id` columns (and Clio's trash). */
export const TREE_ENTITY_TYPES: ReadonlySet<ClioEntityType> = new Set(['folders', 'documents']);

/** What a matter-scoped sync fetches: the matter's folders and documents (`matter_id` filter). */
export const MATTER_SCOPE_ENTITY_TYPES: readonly ClioEntityType[] = ['folders', 'documents'];

export const isClioEntityType = (v: unknown): v is ClioEntityType =>
  typeof v === 'string' && (CLIO_ENTITY_TYPES as readonly string[]).includes(v);

/** Mirror table of an entity type. */
export const mirrorTableOf = <E extends ClioEntityType>(entityType: E): `clio_${E}` => `clio_${entityType}`;

export type MirrorTable = ReturnType<typeof mirrorTableOf<ClioEntityType>>;

export const MIRROR_TABLES: readonly MirrorTable[] = CLIO_ENTITY_TYPES.map((e) => mirrorTableOf(e));
