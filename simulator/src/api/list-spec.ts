import type { Model } from '../models/model';
import type { BaseRecord } from '../store/records';
import type { Resource } from '../store/resources';
import type { SimStore } from '../store/store';

export type Pred<R> = (r: R) => boolean;

/** Builds a predicate from all values of one query parameter (`q.getAll(name)`); throws ApiError on bad input. */
export type FilterDef<R> = (values: string[], store: SimStore, query: URLSearchParams) => Pred<R> | undefined;

export type SortKey = string | number | null;

/** Where a list endpoint reads its rows (default: the resource's table, live records only). */
export interface RowSource<R> {
  ascending(store: SimStore, after: number): Iterable<R>;
  descending(store: SimStore, before: number): Iterable<R>;
}

export interface ListSpec<R extends BaseRecord> {
  /** `GET /matters.json` — the OpenAPI operation this endpoint serves (contract tests key on it). */
  readonly operation: string;
  readonly resource: Resource;
  readonly model: Model<R>;
  readonly source?: RowSource<R>;
  /** Endpoint-specific filters by query parameter name. */
  readonly filters: Readonly<Record<string, FilterDef<R>>>;
  /** Accepted `order` fields besides `id` → sort key. `undefined`: the endpoint has no `order` parameter. */
  readonly orders?: Readonly<Record<string, (r: R, store: SimStore) => SortKey>>;
  /** Rows hidden unless a parameter asks for them (trash, unfinished uploads). Extra params it reads: see `exclusionParams`. */
  readonly exclusions?: (query: URLSearchParams) => Pred<R> | undefined;
  readonly exclusionParams?: readonly string[];
  /** Largest `limit` (default 200; Clio's OpenAPI allows 2000 on `users.json`). */
  readonly maxLimit?: number;
  /** Common parameters this endpoint takes (default {@link COMMON_INDEX_PARAMS}). */
  readonly common?: readonly CommonParam[];
}

/** Parameters every index endpoint accepts; `offset` comes from the paging docs (Clio's paging documentation), not the OpenAPI file. */
export const COMMON_INDEX_PARAMS = [
  'fields',
  'limit',
  'page_token',
  'offset',
  'ids[]',
  'created_since',
  'updated_since',
] as const;
export type CommonParam = (typeof COMMON_INDEX_PARAMS)[number];

/** Every query parameter a list endpoint accepts (the table the contract test checks against the spec). */
export const acceptedParams = <R extends BaseRecord>(spec: ListSpec<R>): string[] => [
  ...(spec.common ?? COMMON_INDEX_PARAMS),
  ...(spec.orders ? ['order'] : []),
  ...(spec.exclusionParams ?? []),
  ...Object.keys(spec.filters),
];
