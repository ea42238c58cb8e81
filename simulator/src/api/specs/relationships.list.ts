import type { RelationshipRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import { RelationshipModel } from '../../models/relationship.models';
import type { ListSpec } from '../list-spec';
import { intEq } from './filter-helpers';

/** `GET /relationships.json`: contacts related to matters. Clio's OpenAPI gives it no `order` parameter. */
export const RELATIONSHIPS_LIST: ListSpec<RelationshipRecord> = {
  operation: 'GET /relationships.json',
  resource: Resource.Relationships,
  model: RelationshipModel,
  filters: {
    matter_id: intEq('matter_id', 'matter_id'),
    contact_id: intEq('contact_id', 'contact_id'),
  },
};
