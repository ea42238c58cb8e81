import { makeEtag } from '../store/hash';
import type { RelationshipRecord, WebSiteRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model } from './model';
import { defineModel, key, one, time, val } from './model';
import { ContactBaseModel } from './contact-base.models';
import { MatterModel } from './matter.models';

/** Clio's `WebSite` (nested in contacts: `web_sites[]`). */
export const WebSiteModel: Model<WebSiteRecord> = defineModel('WebSite', {
  id: key('id'),
  etag: val((r) => makeEtag('web_sites', r.id, r.updated_at)),
  address: key('address'),
  name: key('name'),
  default_web_site: key('default_web_site'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
});

const relationshipBaseFields = {
  id: key<RelationshipRecord>('id'),
  etag: key<RelationshipRecord>('etag'),
  description: key<RelationshipRecord>('description'),
  created_at: time<RelationshipRecord>('created_at'),
  updated_at: time<RelationshipRecord>('updated_at'),
};

/** Clio's `Relationship_base`, nested in matters (`relationships[]`): no matter, no contact. */
export const RelationshipBaseModel: Model<RelationshipRecord> = defineModel('Relationship', relationshipBaseFields);

/** Clio's `Relationship` (`/relationships.json`): a contact related to a matter, and its role. */
export const RelationshipModel: Model<RelationshipRecord> = defineModel('Relationship', {
  ...relationshipBaseFields,
  matter: one(
    () => MatterModel,
    (r, env) => env.store.get(Resource.Matters, r.matter_id),
    [Resource.Matters],
  ),
  contact: one(
    () => ContactBaseModel,
    (r, env) => env.store.get(Resource.Contacts, r.contact_id),
    [Resource.Contacts],
  ),
});
