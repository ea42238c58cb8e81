import type { Migration } from 'kysely';

/**
 * The migrations of one owner (a platform lib, a feature lib or a service), applied in name order and recorded in
 * the owner's own table `sf_migrations_<owner>`. Migrations are frozen in time: they take an untyped handle and
 * never the current table types. Append new ones at the end, named by ISO date.
 */
export interface MigrationSet {
  /** Lower-case letters, digits and `_`: it names the owner's migration table. */
  owner: string;
  migrations: Record<string, Migration>;
}

export const migrationTableOf = (owner: string): string => {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(owner)) throw new Error(`migration owner "${owner}" must match [a-z][a-z0-9_]*`);
  return `sf_migrations_${owner}`;
};
