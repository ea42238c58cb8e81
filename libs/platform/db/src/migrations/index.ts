import type { Migration } from 'kysely';

/**
 * Every migration, in order. Names start with an ISO date so that order is plain; migrations are frozen in
 * time (they take Kysely<any>-shaped handles, never the current Database type). Append new ones at the end.
 */
export const migrations: Record<string, Migration> = {};
