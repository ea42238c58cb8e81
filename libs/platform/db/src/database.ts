import type { Kysely, Transaction } from 'kysely';

/**
 * The tables of the platform. Empty here: each owner (a platform lib, a feature lib, a service) declares its own
 * tables beside its migrations and merges them into this interface (`declare module '@sf/db'` in its
 * `schema/*.tables.ts`). `@sf/db` itself knows no table.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the owners' declaration merging
export interface Database {}

/** Anything that can run a query: the pool or an open transaction. Passed explicitly, never ambient. */
export type Executor = Kysely<Database> | Transaction<Database>;
