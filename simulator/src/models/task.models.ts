import type { TaskRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model } from './model';
import { defineModel, key, one, stubArray, time } from './model';
import { MatterModel } from './matter.models';
import { TaskTypeModel, lookupById } from './lookup.models';
import { ParticipantModel, UserModel } from './user.models';
import { timeEntriesByTask } from './derived';

export const TaskModel: Model<TaskRecord> = defineModel('Task', {
  id: key('id'),
  etag: key('etag'),
  name: key('name'),
  status: key('status'),
  description: key('description'),
  description_text_type: key('description_text_type'),
  priority: key('priority'),
  due_at: key('due_at'),
  permission: key('permission'),
  completed_at: time('completed_at'),
  notify_completion: key('notify_completion'),
  statute_of_limitations: key('statute_of_limitations'),
  time_estimated: key('time_estimated'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  time_entries_count: { kind: 'value', get: (t, env) => timeEntriesByTask(env.store).get(t.id) ?? 0 },
  time_entries: stubArray,
  task_type: one(
    () => TaskTypeModel,
    (t, env) => lookupById(env.store.lookups.taskTypes, t.task_type_id),
  ),
  assigner: one(
    () => UserModel,
    (t, env) => (t.assigner_id === null ? undefined : env.store.get(Resource.Users, t.assigner_id)),
    [Resource.Users],
  ),
  matter: one(
    () => MatterModel,
    (t, env) => (t.matter_id === null ? undefined : env.store.get(Resource.Matters, t.matter_id)),
    [Resource.Matters],
  ),
  assignee: one(
    () => ParticipantModel,
    (t, env) => (t.assignee_id === null ? undefined : env.store.get(Resource.Users, t.assignee_id)),
    [Resource.Users],
  ),
  reminders: stubArray,
});
