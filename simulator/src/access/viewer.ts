import type { ActivityVisibility } from '../models/activity-visibility';

/** How a list or a show answer presents one row: as is, redacted (`{"id":…,"redacted":true}`), or not at all. */
export type RowView = 'full' | 'redacted' | 'hidden';

/** What the rules read of a row: its id, and the contact and matter it belongs to (notes, folders, documents). */
export interface RowRef {
  id: number;
  contact_id?: number | null;
  matter_id?: number | null;
}

/**
 * One Clio user's view of the firm, for every answer the simulator renders for that user's token: lists, single
 * records, and the records nested in them. Only a user with rules of their own has one; everybody else is served
 * the shared, cached rendering.
 */
export interface Viewer {
  readonly userId: number;
  /** A top-level row of `resource` (a hidden contact's notes, folders and documents are hidden with it). */
  rowView(resource: string, row: RowRef): RowView;
  /** A contact, wherever it appears; nested in another record, `hidden` and `redacted` both show as redacted. */
  contactView(id: number): RowView;
  /** The user's activity rate and hours visibility, when it differs from the firm's. */
  readonly activity?: ActivityVisibility;
}
