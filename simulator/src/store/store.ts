import { FULL_ACTIVITY_VISIBILITY, type ActivityVisibility } from '../models/activity-visibility';
import type { Clock } from '../clock';
import { makeEtag } from './hash';
import type { AnyRecord, BaseRecord, FirmLookups, NewRecord, RecordOf, RecordPatch } from './records';
import { ALL_RESOURCES, ChangeKind, Resource, TRASHABLE } from './resources';
import { Table } from './table';
import { changedFieldsOf } from './diff';
import type { ChangeListener, DeleteResult, StoreChange, UpdateResult } from './store-change';

export type { ChangeListener, DeleteResult, StoreChange, UpdateResult } from './store-change';

export interface StoreOptions {
  /** How long trashed documents/folders stay before being purged, ms. Default 30 days (Clio's OpenAPI Document#destroy). */
  trashRetentionMs?: number;
  /** The viewer's activity rate and hours visibility. Default: everything visible. */
  activityVisibility?: ActivityVisibility;
}

/** Ground truth for tests and the control API: live ids and etags per resource, oldest id first. */
export interface GroundTruth {
  counts: Record<Resource, number>;
  /** Documents and folders in the trash (not purged yet), included neither in `counts` nor in `records`. */
  trashed: Record<'documents' | 'folders', number>;
  records: Record<Resource, { id: number; etag: string }[]>;
}

export const DEFAULT_TRASH_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** Timestamps are whole seconds, as Clio's are, so `updated_since=<value we returned>` round-trips exactly. */
const toSecond = (ms: number): number => ms - (((ms % 1000) + 1000) % 1000);

type Tables = { [R in Resource]: Table<RecordOf<R>> };

/** One empty table per resource; the literal makes the compiler check that none is missing. */
const emptyTables = (): Tables => ({
  matters: new Table(),
  contacts: new Table(),
  documents: new Table(),
  folders: new Table(),
  document_versions: new Table(),
  calendar_entries: new Table(),
  tasks: new Table(),
  activities: new Table(),
  users: new Table(),
  custom_fields: new Table(),
  notes: new Table(),
  relationships: new Table(),
});

/**
 * The simulator's state. All writes — HTTP handlers, the activity generator, the control API — go through
 * {@link create}, {@link update} and {@link delete}, which stamp `etag`/`updated_at` and publish to the change feed.
 * Listeners run synchronously after the write; they must not throw (errors are caught and reported).
 */
export class SimStore {
  private readonly tables: Tables;
  private readonly listeners = new Set<ChangeListener>();
  /** FIFO of trashed records; trash times only grow unless the clock is set back, which purge tolerates. */
  private trashQueue: { resource: Resource; id: number; purgeAt: number }[] = [];
  readonly trashRetentionMs: number;
  readonly activityVisibility: ActivityVisibility;
  lookups: FirmLookups = emptyLookups();
  /** Mixed into every etag so two firms (seeds) never share etags; set by the generator. */
  etagSalt = '';
  /** Next id of embedded sub-records (addresses, emails, phones, custom field values, picklist options). */
  private nextSubId = 1;

  constructor(
    readonly clock: Clock,
    opts: StoreOptions = {},
  ) {
    this.trashRetentionMs = opts.trashRetentionMs ?? DEFAULT_TRASH_RETENTION_MS;
    this.activityVisibility = opts.activityVisibility ?? FULL_ACTIVITY_VISIBILITY;
    this.tables = emptyTables();
  }

  table<R extends Resource>(resource: R): Table<RecordOf<R>> {
    return this.tables[resource];
  }

  get<R extends Resource>(resource: R, id: number): RecordOf<R> | undefined {
    return this.tables[resource].get(id);
  }

  /** Allocate an id for an embedded sub-record (unique across the store). */
  subId(): number {
    return this.nextSubId++;
  }

  /** Serializer cache stamp for a resource: changes whenever any record of it changes. */
  version(resource: Resource): number {
    return this.tables[resource].version;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Insert without publishing a change (initial seeding). `at` stamps created_at/updated_at unless given. */
  seed<R extends Resource>(resource: R, data: NewRecord<R> & Partial<BaseRecord>): RecordOf<R> {
    const table = this.tables[resource];
    const id = data.id ?? this.nextId(resource);
    const at = data.created_at ?? toSecond(this.clock.now());
    const rec = {
      ...data,
      id,
      rev: 0,
      etag: makeEtag(resource, id, 0, this.etagSalt),
      created_at: at,
      updated_at: data.updated_at ?? at,
    };
    table.insert(rec as RecordOf<R>);
    return rec as RecordOf<R>;
  }

  /** Next id for `resource`. Documents and folders share one sequence (both are Clio "Items"). */
  nextId(resource: Resource): number {
    if (resource === Resource.Documents || resource === Resource.Folders) {
      return Math.max(this.tables.documents.maxId, this.tables.folders.maxId) + 1;
    }
    return this.tables[resource].maxId + 1;
  }

  create<R extends Resource>(resource: R, data: NewRecord<R>): RecordOf<R> {
    const table = this.tables[resource];
    const id = this.nextId(resource);
    const at = toSecond(this.clock.now());
    const rec = {
      ...data,
      id,
      rev: 0,
      etag: makeEtag(resource, id, 0, this.etagSalt),
      created_at: at,
      updated_at: at,
    } as RecordOf<R>;
    table.insert(rec);
    this.emit({ resource, id, kind: ChangeKind.Created, record: rec, changedFields: Object.keys(data), at });
    return rec;
  }

  /**
   * Apply `patch`. With `ifMatch`, the write happens only if the current etag equals it (optimistic concurrency, 412).
   * A patch that changes nothing still bumps etag/updated_at, as a Clio PATCH does.
   */
  update<R extends Resource>(
    resource: R,
    id: number,
    patch: RecordPatch<R>,
    opts: { ifMatch?: string } = {},
  ): UpdateResult<R> {
    const prev = this.tables[resource].get(id);
    if (!prev) return { ok: false, reason: 'not_found' };
    if (opts.ifMatch !== undefined && opts.ifMatch !== prev.etag) return { ok: false, reason: 'precondition_failed' };
    const next = this.write(resource, prev, patch);
    const changed = changedFieldsOf(prev, next, patch);
    this.emit({ resource, id, kind: ChangeKind.Updated, record: next, changedFields: changed, at: next.updated_at });
    return { ok: true, record: next, changed };
  }

  private write<R extends Resource>(resource: R, prev: RecordOf<R>, patch: RecordPatch<R>): RecordOf<R> {
    const id = prev.id;
    const rev = prev.rev + 1;
    const at = Math.max(toSecond(this.clock.now()), prev.created_at);
    const next = {
      ...prev,
      ...patch,
      id,
      rev,
      etag: makeEtag(resource, id, rev, this.etagSalt),
      created_at: prev.created_at,
      updated_at: at,
    } as RecordOf<R>;
    this.tables[resource].replace(next);
    return next;
  }

  /** Documents and folders go to the trash (a folder takes its descendants along); everything else is removed. */
  delete<R extends Resource>(resource: R, id: number): DeleteResult<R> {
    const prev = this.tables[resource].get(id);
    if (!prev) return { ok: false, reason: 'not_found' };
    if (TRASHABLE.has(resource)) {
      if ((prev as { deleted_at: number | null }).deleted_at !== null) return { ok: true, record: prev, trashed: true };
      const rec = this.trash(resource, id);
      if (resource === Resource.Folders) this.trashDescendants(id);
      return { ok: true, record: rec as RecordOf<R>, trashed: true };
    }
    this.tables[resource].remove(id);
    const at = this.clock.now();
    this.emit({ resource, id, kind: ChangeKind.Deleted, record: prev, changedFields: [], at });
    return { ok: true, record: prev, trashed: false };
  }

  /** Permanently remove trashed documents/folders whose retention has passed. Cheap when nothing is due. */
  purgeExpired(now: number = this.clock.now()): number {
    let purged = 0;
    const keep: typeof this.trashQueue = [];
    let i = 0;
    for (; i < this.trashQueue.length; i++) {
      const item = this.trashQueue[i];
      if (item.purgeAt > now) break;
      const rec = this.tables[item.resource].get(item.id) as { deleted_at: number | null } | undefined;
      if (!rec || rec.deleted_at === null) continue;
      if (rec.deleted_at + this.trashRetentionMs > now)
        keep.push(item); // clock moved back and forth
      else if (this.purge(item.resource, item.id)) purged++;
    }
    if (i > 0) this.trashQueue = [...keep, ...this.trashQueue.slice(i)];
    return purged;
  }

  groundTruth(): GroundTruth {
    const counts = {} as Record<Resource, number>;
    const records = {} as Record<Resource, { id: number; etag: string }[]>;
    const trashed = { documents: 0, folders: 0 };
    for (const r of ALL_RESOURCES) {
      const list: { id: number; etag: string }[] = [];
      for (const rec of this.tables[r].ascending()) {
        if (isTrashed(rec)) trashed[r as 'documents' | 'folders']++;
        else list.push({ id: rec.id, etag: rec.etag });
      }
      records[r] = list;
      counts[r] = list.length;
    }
    return { counts, trashed, records };
  }

  private trash(resource: Resource, id: number): AnyRecord {
    const prev = this.tables[resource].get(id);
    if (!prev) throw new Error(`trash of missing ${resource} ${id}`);
    const at = toSecond(this.clock.now());
    const rec = this.write(resource, prev, { deleted_at: at } as RecordPatch<Resource>);
    this.trashQueue.push({ resource, id, purgeAt: at + this.trashRetentionMs });
    this.emit({ resource, id, kind: ChangeKind.Deleted, record: rec, changedFields: ['deleted_at'], at });
    return rec;
  }

  private trashDescendants(folderId: number): void {
    const folders = [folderId];
    for (let f = folders.pop(); f !== undefined; f = folders.pop()) {
      for (const child of this.tables.folders.ascending()) {
        if (child.parent_id === f && child.deleted_at === null) {
          this.trash(Resource.Folders, child.id);
          folders.push(child.id);
        }
      }
      for (const doc of this.tables.documents.ascending()) {
        if (doc.parent_id === f && doc.deleted_at === null) this.trash(Resource.Documents, doc.id);
      }
    }
  }

  private purge(resource: Resource, id: number): boolean {
    if (resource === Resource.Documents) {
      for (const v of [...this.tables.document_versions.ascending()]) {
        if (v.document_id === id) this.tables.document_versions.remove(v.id);
      }
    }
    return this.tables[resource].remove(id);
  }

  private emit(change: StoreChange): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        console.error('[clio-simulator] change listener failed', err);
      }
    }
  }
}

const isTrashed = (rec: object): boolean => 'deleted_at' in rec && (rec as { deleted_at: unknown }).deleted_at !== null;

const emptyLookups = (): FirmLookups => ({
  createdAt: Date.UTC(2015, 0, 1),
  account: { id: 1, name: 'Simulated Firm' },
  practiceAreas: [],
  groups: [],
  taskTypes: [],
  activityDescriptions: [],
  expenseCategories: [],
  documentCategories: [],
});
