import type { Clock } from '../clock';
import type { VisibilityLevel } from '../models/activity-visibility';
import { Resource } from '../store/resources';
import type { RowView, Viewer } from './viewer';

/** Contacts Visibility of one user (Clio 4.0.9): contacts filtered out of lists, and contacts shown redacted. */
export interface ContactsVisibility {
  hiddenIds?: readonly number[];
  redactedIds?: readonly number[];
  /** Every contact whose id is a multiple of n is hidden (a rule that also covers contacts created later). */
  hideEvery?: number;
  /** Every contact whose id is a multiple of n (and not hidden) is redacted. */
  redactEvery?: number;
}

/**
 * What one Clio user may see: index resources answered 403 (missing scope or permission), contact visibility, and
 * the user's own activity rate and hours visibility (Clio sets them per user; without it the firm's applies).
 */
export interface UserAccess {
  forbidden?: readonly string[];
  contactsVisibility?: ContactsVisibility;
  activityVisibility?: { rate: VisibilityLevel; hours: VisibilityLevel };
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

/** Resources whose rows belong to a contact when they carry one and no matter: hidden with a hidden contact. */
const CONTACT_OWNED: ReadonlySet<string> = new Set([Resource.Notes, Resource.Folders, Resource.Documents]);

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

  /**
   * The caller's own view, or undefined when the user has no rules of their own (served the shared rendering).
   * Contacts are hidden or redacted by the user's Contacts Visibility; what exists only as part of a contact (its
   * notes, its folder and the documents filed there, outside any matter) is hidden with it; a contact nested in
   * another record (a matter's client, a relationship, a contact custom field) is shown as `{"id":…,"redacted":
   * true}`, as Clio shows nested objects a user cannot read. Activities follow the user's rate and hours
   * visibility when set.
   */
  viewerFor(userId: number | undefined): Viewer | undefined {
    if (userId === undefined) return undefined;
    const user = this.settings.users[String(userId)];
    if (!user?.contactsVisibility && !user?.activityVisibility) return undefined;
    const contactView = (id: number): RowView => this.contactView(userId, id);
    return {
      userId,
      contactView,
      rowView: (resource, row) => {
        if (resource === Resource.Contacts) return contactView(row.id);
        const owner = CONTACT_OWNED.has(resource) && !row.matter_id ? row.contact_id : null;
        return typeof owner === 'number' && contactView(owner) === 'hidden' ? 'hidden' : 'full';
      },
      ...(user.activityVisibility ? { activity: { ...user.activityVisibility, viewerUserId: userId } } : {}),
    };
  }

  private contactView(userId: number, id: number): RowView {
    const v = this.settings.users[String(userId)]?.contactsVisibility;
    if (!v) return 'full';
    if (v.hiddenIds?.includes(id) || multiple(id, v.hideEvery)) return 'hidden';
    if (v.redactedIds?.includes(id) || multiple(id, v.redactEvery)) return 'redacted';
    return 'full';
  }
}
