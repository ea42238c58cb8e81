import type { CustomFieldRecord, DocumentVersionRecord, UserRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import { CustomFieldModel } from '../../models/custom-field.models';
import { DocumentVersionModel } from '../../models/document.models';
import { UserModel } from '../../models/user.models';
import type { ListSpec } from '../list-spec';
import { boolParam, enumParam } from '../query-params';
import { boolEq, oneOf, textQuery } from './filter-helpers';

export const USERS_LIST: ListSpec<UserRecord> = {
  operation: 'GET /users.json',
  resource: Resource.Users,
  model: UserModel,
  maxLimit: 2000,
  filters: {
    enabled: boolEq('enabled', (u) => u.enabled),
    name: textQuery((u) => [u.name]),
    role: (values) => {
      const role = enumParam('role', values[0], ['admin', 'accounts', 'billing', 'reports'] as const);
      return (u) => u.roles.includes(role);
    },
    subscription_type: oneOf('subscription_type', ['attorney', 'nonattorney'], (u) => u.subscription_type),
    // No co-counsel or pending users are generated: both flags only validate.
    include_co_counsel: (values) => void boolParam('include_co_counsel', values[0]),
    pending_setup: (values) => (boolParam('pending_setup', values[0]) ? () => false : undefined),
  },
  orders: {
    email: (u) => u.email,
    enabled: (u) => (u.enabled ? 1 : 0),
    name: (u) => u.name,
    first_name: (u) => u.first_name,
    last_name: (u) => u.last_name,
    initials: (u) => u.initials,
    subscription_type: (u) => u.subscription_type,
  },
};

export const CUSTOM_FIELDS_LIST: ListSpec<CustomFieldRecord> = {
  operation: 'GET /custom_fields.json',
  resource: Resource.CustomFields,
  model: CustomFieldModel,
  filters: {
    parent_type: oneOf('parent_type', ['matter', 'contact'], (f) => f.parent_type),
    field_type: oneOf(
      'field_type',
      [
        'checkbox',
        'contact',
        'currency',
        'date',
        'time',
        'email',
        'matter',
        'numeric',
        'picklist',
        'text_area',
        'text_line',
        'url',
      ],
      (f) => f.field_type,
    ),
    deleted: boolEq('deleted', (f) => f.deleted),
    visible_and_required: boolEq('visible_and_required', (f) => f.displayed && f.required),
    query: textQuery((f) => [f.name]),
  },
  orders: { name: (f) => f.name, display_order: (f) => f.display_order },
};

/** `/documents/{id}/versions`: built per request (scoped to one document). */
export const versionsList = (documentId: number): ListSpec<DocumentVersionRecord> => ({
  operation: 'GET /documents/{id}/versions.json',
  resource: Resource.DocumentVersions,
  model: DocumentVersionModel,
  common: ['fields', 'limit', 'page_token'],
  filters: { fully_uploaded: boolEq('fully_uploaded', (v) => v.fully_uploaded) },
  exclusions: () => (v) => v.document_id === documentId,
});
