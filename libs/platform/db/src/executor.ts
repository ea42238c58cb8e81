import type { Kysely, Transaction } from 'kysely';

/**
 * Anything that can run a query over the tables `T`: the pool or an open transaction. Passed explicitly, never
 * ambient. `@sf/db` knows no table: each owner (a platform lib, a feature lib, a service) exports its own table
 * interface (`EventStoreTables`, `ClioMirrorTables`...) and each process composes exactly the ones it uses.
 */
export type Executor<T> = Kysely<T> | Transaction<T>;

/**
 * The same handle seen through the tables of one owner (`Own`), for a lib function given a process's wider handle.
 * Kysely's handle is invariant in its table set (its transaction and connection builders use the set both ways), so
 * the compiler does not take a `Kysely<A & B>` for a `Kysely<A>` although it is one at run time. The constraint
 * `All extends Own` is the check that matters: every table of `Own` is in the handle, with the same row type.
 */
export function tablesOf<Own, All extends Own>(db: Transaction<All>): Transaction<Own>;
export function tablesOf<Own, All extends Own>(db: Kysely<All>): Kysely<Own>;
export function tablesOf<Own, All extends Own>(db: Executor<All>): Executor<Own>;
// The implementation sees no table set at all: the overloads above are what callers get, checked at each call.
export function tablesOf(db: Executor<object>): Executor<object> {
  return db;
}
