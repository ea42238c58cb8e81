import type { Clock } from '../clock';
import { Resource } from '../store/resources';

/** Contacts Visibility of one user (Clio 4.0.9): contacts filtered out of lists, and contacts shown redacted. */
export interface ContactsVisibility {
  hiddenIds?: readonly number[];
  redactedIds?: readonly number[];
  /** Every contact whose id is a multiple of n is hidden (a rule that also covers contacts created later). */
  hideEvery?: number;
  /** Every contact whose id is a multiple of n (and not hidden) is redacted. */
  redactEvery?: number;
}

/** What one Clio user may see: index resources answered 403 (missing scope or permission), and contact visibility. */
export interface UserAccess {
  forbidden?: readonly string[];
  contactsVisibility?: ContactsVisibility;
}

/** The switchable fidelity settings (control API `PUT /_control/access`). */
export interface AccessSettings {
  /** `meta.records` on index pages. */
  metaRecords: boolean;
  /** A `page_token` older than this is refused (400); null: tokens never expire. */
  pageTokenTtlSeconds: number | null;
  /** By Clio user id: the user's role and permissions. */
  users: Readonly<Record<string, UserAccess>>;
  /** By OAuth client id: resources the app was authorised without (Clio fixes an app's scopes at authorisation). */
  apps: Readonly<Record<string, { forbidden?: readonly string[] }>>;
}

/** How a list shows one row to the caller: as is, redacted (`{"id":…,"redacted":true}`), or not at all. */
export type RowView = 'full' | 'redacted' | 'hidden';

/** What the rules read of a row: its id, and for a note the contact it belongs to. */
export interface RowRef {
  id: number;
  contact_id?: number | null;
}

const multiple = (id: number, n: number | undefined): boolean => n !== undefined && n > 0 && id % n === 0;

/**
 * Permissions and paging behaviours of the real Clio that the simulator plays when asked: per-user 403 on
 * whole resources, Contacts Visibility (rows filtered out after the page is cut, so pages come back short with a
 * `next` link; or redacted), `meta.records` on or off, and page tokens that expire. Read at every request.
 */
export class AccessRules {
  private settings: AccessSettings;

  constructor(
    private readonly clock: Clock,
    private readonly initial: { metaRecords: boolean },
  ) {
    this.settings = { metaRecords: initial.metaRecords, pageTokenTtlSeconds: null, users: {}, apps: {} };
  }

  get current(): AccessSettings {
    return this.settings;
  }

  get metaRecords(): boolean {
    return this.settings.metaRecords;
  }

  get pageTokenTtlMs(): number | null {
    const s = this.settings.pageTokenTtlSeconds;
    return s === null ? null : s * 1000;
  }

  now(): number {
    return this.clock.now();
  }

  configure(change: Partial<AccessSettings>): AccessSettings {
    this.settings = {
      metaRecords: change.metaRecords ?? this.settings.metaRecords,
      pageTokenTtlSeconds:
        change.pageTokenTtlSeconds === undefined ? this.settings.pageTokenTtlSeconds : change.pageTokenTtlSeconds,
      users: change.users === undefined ? this.settings.users : { ...this.settings.users, ...change.users },
      apps: change.apps === undefined ? this.settings.apps : { ...this.settings.apps, ...change.apps },
    };
    return this.settings;
  }

  reset(): void {
    this.settings = { metaRecords: this.initial.metaRecords, pageTokenTtlSeconds: null, users: {}, apps: {} };
  }

  /** A 403 for the caller: its user lacks the permission, or its app the scope. */
  isForbidden(userId: number | undefined, resource: string, clientId?: string): boolean {
    const byUser =
      userId !== undefined && (this.settings.users[String(userId)]?.forbidden?.includes(resource) ?? false);
    const byApp = clientId !== undefined && (this.settings.apps[clientId]?.forbidden?.includes(resource) ?? false);
    return byUser || byApp;
  }

  filtersRows(userId: number | undefined, resource: string): boolean {
    return (
      userId !== undefined &&
      (resource === Resource.Contacts || resource === Resource.Notes) &&
      !!this.settings.users[String(userId)]?.contactsVisibility
    );
  }

  /**
   * How `userId` sees `row` of `resource` (no user: everything). Contacts are hidden or redacted by the user's
   * Contacts Visibility; a contact's notes are hidden with it (a user who may not see a contact does not see its
   * notes), and shown in full otherwise (a note is not a contact, so it is never redacted).
   */
  viewOf(userId: number | undefined, resource: string, row: RowRef): RowView {
    if (userId === undefined) return 'full';
    if (resource === Resource.Notes)
      return typeof row.contact_id === 'number' && this.contactView(userId, row.contact_id) === 'hidden'
        ? 'hidden'
        : 'full';
    return resource === Resource.Contacts ? this.contactView(userId, row.id) : 'full';
  }

  private contactView(userId: number, id: number): RowView {
    const v = this.settings.users[String(userId)]?.contactsVisibility;
    if (!v) return 'full';
    if (v.hiddenIds?.includes(id) || multiple(id, v.hideEvery)) return 'hidden';
    if (v.redactedIds?.includes(id) || multiple(id, v.redactEvery)) return 'redacted';
    return 'full';
  }
}
