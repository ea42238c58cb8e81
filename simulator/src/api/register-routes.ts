import type { Clock } from '../clock';
import type { Router } from '../server/router';
import type { SimStore } from '../store/store';
import { Resource } from '../store/resources';
import { API_PREFIX } from '../wire';
import { ActivityModel } from '../models/activity.models';
import { CalendarEntryModel } from '../models/calendar-entry.models';
import { ContactModel } from '../models/contact.models';
import { CustomFieldModel } from '../models/custom-field.models';
import { DocumentModel, FolderModel } from '../models/document.models';
import { MatterModel } from '../models/matter.models';
import { NoteModel } from '../models/note.models';
import { RelationshipModel } from '../models/relationship.models';
import { TaskModel } from '../models/task.models';
import { UserModel } from '../models/user.models';
import { handled, notFound } from './api-error';
import { createHandler, deleteHandler, pathId, showHandler, updateHandler } from './crud';
import type { ResolvedDownloadOptions } from './downloads/download-options';
import { registerDownloadRoutes } from './downloads/download-routes';
import { registerDocumentWrites } from './documents/document-routes';
import { createContactFolder, createMatterFolder } from './documents/document-ops';
import { serveList, type ListOptions } from './list-engine';
import { serveShow } from './show';
import { versionsList } from './specs/admin.list';
import { accountRootFolderId } from './specs/folder-tree';
import { listEndpoints } from './endpoints';
import {
  ACTIVITY_WRITE,
  CALENDAR_ENTRY_WRITE,
  CONTACT_WRITE,
  CUSTOM_FIELD_WRITE,
  MATTER_WRITE,
  TASK_WRITE,
  NOTE_WRITE,
  normalizeContact,
} from './writes/write-specs';

export interface CoreDeps {
  store: SimStore;
  clock: Clock;
  /** Switchable list behaviours (meta.records, page token expiry, Contacts Visibility). */
  list: ListOptions;
  download: ResolvedDownloadOptions;
}

/** Key under which the auth middleware leaves the authenticated user's id (`who_am_i`). Default: the account owner. */
export const AUTH_USER_ID_STATE = 'auth.userId';

const p = (path: string): string => `${API_PREFIX}${path}`;

/** Registers every Clio API route the simulator serves. */
export const registerCoreRoutes = (router: Router, deps: CoreDeps): void => {
  const { store } = deps;
  const opts = deps.list;
  for (const list of listEndpoints(store)) {
    if (!list.path.includes('{')) router.add('GET', p(list.path), list.handler(opts));
  }

  router.add('GET', p('/matters/:id'), showHandler(store, Resource.Matters, MatterModel, opts));
  router.add(
    'POST',
    p('/matters'),
    createHandler(store, Resource.Matters, MatterModel, MATTER_WRITE, {
      afterCreate: (m) => {
        createMatterFolder(store, m.id, m.description, accountRootFolderId(store));
        return store.get(Resource.Matters, m.id) ?? m;
      },
    }),
  );
  router.add('PATCH', p('/matters/:id'), updateHandler(store, Resource.Matters, MatterModel, MATTER_WRITE));
  router.add('DELETE', p('/matters/:id'), deleteHandler(store, Resource.Matters));

  router.add('GET', p('/contacts/:id'), showHandler(store, Resource.Contacts, ContactModel, opts));
  router.add(
    'POST',
    p('/contacts'),
    createHandler(store, Resource.Contacts, ContactModel, CONTACT_WRITE, {
      normalize: normalizeContact,
      afterCreate: (c) => {
        createContactFolder(store, c.id, c.name, accountRootFolderId(store));
        return store.get(Resource.Contacts, c.id) ?? c;
      },
    }),
  );
  router.add(
    'PATCH',
    p('/contacts/:id'),
    updateHandler(store, Resource.Contacts, ContactModel, CONTACT_WRITE, { normalize: normalizeContact }),
  );
  router.add('DELETE', p('/contacts/:id'), deleteHandler(store, Resource.Contacts));

  router.add('GET', p('/documents/:id'), showHandler(store, Resource.Documents, DocumentModel, opts));
  router.add('DELETE', p('/documents/:id'), deleteHandler(store, Resource.Documents));
  router.add(
    'GET',
    p('/documents/:id/versions'),
    handled((ctx) => {
      const id = pathId(ctx);
      if (!store.get(Resource.Documents, id)) throw notFound('Document');
      serveList(ctx, store, versionsList(id), opts);
    }),
  );

  router.add('GET', p('/folders/:id'), showHandler(store, Resource.Folders, FolderModel, opts));
  router.add('DELETE', p('/folders/:id'), deleteHandler(store, Resource.Folders));
  registerDocumentWrites(router, store);
  registerDownloadRoutes(router, store, deps.clock, deps.download);

  router.add('GET', p('/calendar_entries/:id'), showHandler(store, Resource.CalendarEntries, CalendarEntryModel, opts));
  router.add(
    'POST',
    p('/calendar_entries'),
    createHandler(store, Resource.CalendarEntries, CalendarEntryModel, CALENDAR_ENTRY_WRITE),
  );
  router.add(
    'PATCH',
    p('/calendar_entries/:id'),
    updateHandler(store, Resource.CalendarEntries, CalendarEntryModel, CALENDAR_ENTRY_WRITE),
  );
  router.add('DELETE', p('/calendar_entries/:id'), deleteHandler(store, Resource.CalendarEntries));

  router.add('GET', p('/tasks/:id'), showHandler(store, Resource.Tasks, TaskModel, opts));
  router.add('POST', p('/tasks'), createHandler(store, Resource.Tasks, TaskModel, TASK_WRITE));
  router.add('PATCH', p('/tasks/:id'), updateHandler(store, Resource.Tasks, TaskModel, TASK_WRITE));
  router.add('DELETE', p('/tasks/:id'), deleteHandler(store, Resource.Tasks));

  router.add('GET', p('/activities/:id'), showHandler(store, Resource.Activities, ActivityModel, opts));
  router.add('POST', p('/activities'), createHandler(store, Resource.Activities, ActivityModel, ACTIVITY_WRITE));
  router.add('PATCH', p('/activities/:id'), updateHandler(store, Resource.Activities, ActivityModel, ACTIVITY_WRITE));
  router.add('DELETE', p('/activities/:id'), deleteHandler(store, Resource.Activities));

  router.add(
    'GET',
    p('/users/who_am_i'),
    handled((ctx) => {
      const fromAuth = ctx.state.get(AUTH_USER_ID_STATE);
      const id = typeof fromAuth === 'number' ? fromAuth : 1;
      const user = store.get(Resource.Users, id);
      if (!user) throw notFound('User');
      serveShow(ctx, store, UserModel, user);
    }),
  );
  router.add('GET', p('/users/:id'), showHandler(store, Resource.Users, UserModel, opts));

  router.add('GET', p('/custom_fields/:id'), showHandler(store, Resource.CustomFields, CustomFieldModel, opts));
  router.add('GET', p('/notes/:id'), showHandler(store, Resource.Notes, NoteModel, opts));
  router.add('POST', p('/notes'), createHandler(store, Resource.Notes, NoteModel, NOTE_WRITE));
  router.add('PATCH', p('/notes/:id'), updateHandler(store, Resource.Notes, NoteModel, NOTE_WRITE));
  router.add('DELETE', p('/notes/:id'), deleteHandler(store, Resource.Notes));
  router.add('GET', p('/relationships/:id'), showHandler(store, Resource.Relationships, RelationshipModel, opts));
  router.add(
    'POST',
    p('/custom_fields'),
    createHandler(store, Resource.CustomFields, CustomFieldModel, CUSTOM_FIELD_WRITE),
  );
  router.add(
    'PATCH',
    p('/custom_fields/:id'),
    updateHandler(store, Resource.CustomFields, CustomFieldModel, CUSTOM_FIELD_WRITE),
  );
  router.add('DELETE', p('/custom_fields/:id'), deleteHandler(store, Resource.CustomFields));
};
