import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLIO_FIELDS } from './clio-fields';
import { CLIO_ENTITY_TYPES, type ClioEntityType } from './entity-types';

// Checks the field table against Clio's own OpenAPI (read from CLIO_OPENAPI_DIR;
// CLIO_OPENAPI_DIR overrides): every requested field exists on the resource, every nested one on its model.

type Schema = { $ref?: string; allOf?: Schema[]; items?: Schema; properties?: Record<string, Schema> };
const DIR = process.env['CLIO_OPENAPI_DIR'] ?? path.resolve(__dirname, '../../../../../shared/clio/openapi');
const spec = JSON.parse(
  readFileSync(path.join(DIR, 'clio-manage-openapi-v4_default-4.0.9_snapshot-2025-05.json'), 'utf8'),
) as {
  components: { schemas: Record<string, Schema> };
};

const resolve = (s: Schema): Schema => (s.$ref ? spec.components.schemas[s.$ref.split('/').pop()!]! : s);
const propertiesOf = (s: Schema): Record<string, Schema> => {
  const r = resolve(s.items ?? s);
  return Object.assign({}, ...(r.allOf ?? []).map(propertiesOf), r.properties ?? {});
};

const MODEL: Record<ClioEntityType, string> = {
  users: 'User',
  custom_fields: 'CustomField',
  matters: 'Matter',
  contacts: 'Contact',
  relationships: 'Relationship',
  matter_notes: 'Note',
  contact_notes: 'Note',
  calendar_entries: 'CalendarEntry',
  tasks: 'Task',
  folders: 'Folder',
  documents: 'Document',
  activities: 'Activity',
};

describe('CLIO_FIELDS', () => {
  it.each(CLIO_ENTITY_TYPES)('asks %s only for fields of its Clio model', (e) => {
    const props = propertiesOf({ $ref: `#/components/schemas/${MODEL[e]}` });
    for (const f of CLIO_FIELDS[e]) {
      const m = /^([a-z_]+)(?:\{([a-z_,]+)\})?$/.exec(f);
      expect(m).not.toBeNull();
      const [, name, nested] = m!;
      expect({ field: name, known: name! in props }).toEqual({ field: name, known: true });
      for (const n of nested?.split(',') ?? [])
        expect({ field: `${name}.${n}`, known: n in propertiesOf(props[name!]!) }).toEqual({
          field: `${name}.${n}`,
          known: true,
        });
    }
  });

  it('always asks for what the mirror and the sync need', () => {
    for (const e of CLIO_ENTITY_TYPES)
      expect(CLIO_FIELDS[e].slice(0, 4)).toEqual(['id', 'etag', 'created_at', 'updated_at']);
    for (const e of ['documents', 'folders'] as const)
      expect(CLIO_FIELDS[e]).toEqual(expect.arrayContaining(['deleted_at', 'matter{id}', 'parent{id}']));
  });
});
