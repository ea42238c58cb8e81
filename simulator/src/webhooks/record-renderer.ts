import type { AccessRules } from '../access/access-rules';
import type { RowRef } from '../access/viewer';
import { ActivityModel } from '../models/activity.models';
import { CalendarEntryModel } from '../models/calendar-entry.models';
import { compileFields } from '../models/compile';
import { ContactModel } from '../models/contact.models';
import { DocumentModel, FolderModel } from '../models/document.models';
import { MatterModel } from '../models/matter.models';
import type { Model, RenderEnv } from '../models/model';
import { TaskModel } from '../models/task.models';
import type { SimStore } from '../store/store';
import type { RecordRenderer } from './webhook-dispatcher';

/** API models of the resources webhooks watch, by store resource. */
const MODELS: Readonly<Record<string, Model<never>>> = {
  matters: MatterModel as Model<never>,
  activities: ActivityModel as Model<never>,
  calendar_entries: CalendarEntryModel as Model<never>,
  contacts: ContactModel as Model<never>,
  tasks: TaskModel as Model<never>,
  documents: DocumentModel as Model<never>,
  folders: FolderModel as Model<never>,
};

/** Checks a webhook's `fields` against the API model of its resource; undefined when valid or not simulated. */
export const fieldsError = (resource: string | undefined, fields: string): string | undefined => {
  const model = resource ? MODELS[resource] : undefined;
  if (!model) return undefined;
  const compiled = compileFields(model, fields);
  return compiled.ok ? undefined : compiled.message;
};

/**
 * Renders webhook payloads exactly as the API renders `fields` (a deleted record as it was when deleted), for the
 * webhook's owner when `access` is given: a resource the owner's user or app may not read, and a row the user may
 * not see (a hidden contact, its notes, folders and documents outside matters), are not delivered; a redacted
 * contact is `{"id":…,"redacted":true}`; nested contacts and activity amounts follow the user's view, as listings do.
 */
export const apiRenderer =
  (store: SimStore, access?: AccessRules): RecordRenderer =>
  (resource, record, fields, owner) => {
    const viewer = owner === undefined ? undefined : access?.viewerFor(owner.userId);
    if (owner !== undefined && access?.isForbidden(owner.userId, resource, owner.clientId)) return undefined;
    const view = viewer?.rowView(resource, record as RowRef) ?? 'full';
    if (view === 'hidden') return undefined;
    if (view === 'redacted') return { id: (record as RowRef).id, redacted: true };
    const model = MODELS[resource];
    const compiled = model ? compileFields(model, fields) : undefined;
    const env: RenderEnv = viewer === undefined ? { store } : { store, viewer };
    if (compiled?.ok) return compiled.compiled.render(record as never, env);
    const r = record as { id?: unknown; etag?: unknown };
    return { id: r.id, etag: r.etag };
  };
