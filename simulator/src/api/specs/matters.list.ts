import type { MatterRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import { MatterModel } from '../../models/matter.models';
import type { ListSpec } from '../list-spec';
import type { SimStore } from '../../store/store';
import { boolEq, dateCmp, intEq, oneOf, textQuery } from './filter-helpers';

const name = (store: SimStore, res: 'users' | 'contacts', id: number | null) =>
  id === null ? null : (store.get(res, id)?.name ?? null);

export const MATTERS_LIST: ListSpec<MatterRecord> = {
  operation: 'GET /matters.json',
  resource: Resource.Matters,
  model: MatterModel,
  filters: {
    status: oneOf('status', ['open', 'closed', 'pending'], (m) => m.status),
    client_id: intEq('client_id', 'client_id'),
    responsible_attorney_id: intEq('responsible_attorney_id', 'responsible_attorney_id'),
    responsible_staff_id: intEq('responsible_staff_id', 'responsible_staff_id'),
    originating_attorney_id: intEq('originating_attorney_id', 'originating_attorney_id'),
    practice_area_id: intEq('practice_area_id', 'practice_area_id'),
    group_id: intEq('group_id', 'group_id'),
    billable: boolEq('billable', (m) => m.billable),
    query: textQuery((m) => [m.display_number, m.description, m.custom_number]),
    'open_date[]': dateCmp('open_date[]', (m) => m.open_date),
    'close_date[]': dateCmp('close_date[]', (m) => m.close_date),
    'pending_date[]': dateCmp('pending_date[]', (m) => m.pending_date),
  },
  orders: {
    display_number: (m) => m.display_number,
    custom_number: (m) => m.custom_number,
    open_date: (m) => m.open_date,
    close_date: (m) => m.close_date,
    pending_date: (m) => m.pending_date,
    updated_at: (m) => m.updated_at,
    created_at: (m) => m.created_at,
    'client.name': (m, store) => name(store, 'contacts', m.client_id),
    'responsible_attorney.name': (m, store) => name(store, 'users', m.responsible_attorney_id),
    'originating_attorney.name': (m, store) => name(store, 'users', m.originating_attorney_id),
    'practice_area.name': (m, store) =>
      store.lookups.practiceAreas.find((p) => p.id === m.practice_area_id)?.name ?? null,
    // Matter stages, grants and statute-of-limitations tasks are not simulated: those orders sort by id.
    'matter_stage.name': () => null,
    matter_stage_updated_at: () => null,
    'statute_of_limitations.due_at': () => null,
    grants: () => null,
  },
};
