import { ActivityModel } from '../models/activity.models';
import { CalendarEntryModel } from '../models/calendar-entry.models';
import { compileFields } from '../models/compile';
import { ContactModel } from '../models/contact.models';
import { DocumentModel, FolderModel } from '../models/document.models';
import { MatterModel } from '../models/matter.models';
import type { Model } from '../models/model';
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

/** Renders webhook payloads exactly as the API renders `fields` (a deleted record as it was when deleted). */
export const apiRenderer =
  (store: SimStore): RecordRenderer =>
  (resource, record, fields) => {
    const model = MODELS[resource];
    const compiled = model ? compileFields(model, fields) : undefined;
    if (compiled?.ok) return compiled.compiled.render(record as never, { store });
    const r = record as { id?: unknown; etag?: unknown };
    return { id: r.id, etag: r.etag };
  };
