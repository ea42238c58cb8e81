import type { SimTestKit } from '../testing/sim-test-kit';
import { startSimTestKit } from '../testing/sim-test-kit';
import type { OpenApiDoc } from '../testing/openapi-schemas';
import {
  loadSpec25,
  queryParamsOf,
  responseSchemaName,
  schemaProperties,
  schemaValidators,
} from '../testing/openapi-schemas';
import { listEndpoints, OTHER_OPERATION_PARAMS } from '../api/endpoints';
import type { Model } from '../models/model';
import { MatterModel } from '../models/matter.models';
import { ContactModel } from '../models/contact.models';
import { DocumentModel, DocumentVersionModel, FolderModel, ItemModel } from '../models/document.models';
import { CalendarEntryModel } from '../models/calendar-entry.models';
import { TaskModel } from '../models/task.models';
import { ActivityModel } from '../models/activity.models';
import { UserModel } from '../models/user.models';
import { CustomFieldModel } from '../models/custom-field.models';
import { ContactBaseModel } from '../models/contact-base.models';
import { FolderBaseModel } from '../models/folder-base.models';
import { NoteModel } from '../models/note.models';
import { RelationshipBaseModel, RelationshipModel, WebSiteModel } from '../models/relationship.models';

/** Query parameters documented outside Clio's OpenAPI: `offset` (Clio's paging documentation). */
const FACT_SHEET_PARAMS = new Set(['offset']);

interface Case {
  list: string;
  show?: string;
  model: Model<never>;
  schema: string;
  /** Required filters of the list, e.g. `&type=Matter`. */
  query?: string;
}

const CASES: Case[] = [
  { list: '/matters.json', show: '/matters/{id}.json', model: MatterModel as Model<never>, schema: 'Matter' },
  { list: '/contacts.json', show: '/contacts/{id}.json', model: ContactModel as Model<never>, schema: 'Contact' },
  { list: '/documents.json', show: '/documents/{id}.json', model: DocumentModel as Model<never>, schema: 'Document' },
  { list: '/folders.json', show: '/folders/{id}.json', model: FolderModel as Model<never>, schema: 'Folder' },
  { list: '/folders/list.json', model: ItemModel as Model<never>, schema: 'Item' },
  {
    list: '/calendar_entries.json',
    show: '/calendar_entries/{id}.json',
    model: CalendarEntryModel as Model<never>,
    schema: 'CalendarEntry',
  },
  { list: '/tasks.json', show: '/tasks/{id}.json', model: TaskModel as Model<never>, schema: 'Task' },
  { list: '/activities.json', show: '/activities/{id}.json', model: ActivityModel as Model<never>, schema: 'Activity' },
  { list: '/users.json', show: '/users/{id}.json', model: UserModel as Model<never>, schema: 'User' },
  {
    list: '/custom_fields.json',
    show: '/custom_fields/{id}.json',
    model: CustomFieldModel as Model<never>,
    schema: 'CustomField',
  },
  { list: '/documents/{id}/versions.json', model: DocumentVersionModel as Model<never>, schema: 'DocumentVersion' },
  {
    list: '/notes.json',
    show: '/notes/{id}.json',
    model: NoteModel as Model<never>,
    schema: 'Note',
    query: '&type=Matter',
  },
  {
    list: '/notes.json',
    show: '/notes/{id}.json',
    model: NoteModel as Model<never>,
    schema: 'Note',
    query: '&type=Contact',
  },
  {
    list: '/relationships.json',
    show: '/relationships/{id}.json',
    model: RelationshipModel as Model<never>,
    schema: 'Relationship',
  },
];

/** Every top-level field; nested ones with all their scalar fields in braces (one level, as Clio allows). */
const fullFields = (model: Model<never>, nestedScalars: boolean): string =>
  Object.entries(model.fields)
    .map(([name, def]) => {
      if (!nestedScalars || (def.kind !== 'object' && def.kind !== 'array')) return name;
      const inner = Object.entries(def.model().fields)
        .filter(([, d]) => d.kind === 'value')
        .map(([n]) => n);
      return `${name}{${inner.join(',')}}`;
    })
    .join(',');

describe('simulator responses validate against Clio OpenAPI 2025-05', () => {
  let kit: SimTestKit;
  let doc: OpenApiDoc;
  let validator: ReturnType<typeof schemaValidators>;
  let documentId: number;

  beforeAll(async () => {
    doc = loadSpec25();
    validator = schemaValidators(doc);
    kit = await startSimTestKit();
    documentId = [...kit.sim.store.table('documents').ascending()][0].id;
  });
  afterAll(() => kit.close());

  const concrete = (p: string, id: number | string): string => p.replace('{id}', String(id));
  const expectValid = (schemaName: string, body: unknown): void => {
    const validate = validator(schemaName);
    const ok = validate(body);
    if (!ok) throw new Error(`${schemaName}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
  };

  describe.each(CASES)('$list', (c) => {
    const variants: [string, string | undefined][] = [
      ['default fields', undefined],
      ['all fields', fullFields(c.model, false)],
      ['all fields, nested scalars', fullFields(c.model, true)],
    ];

    it.each(variants)('list with %s validates', async (_label, fields) => {
      const path = concrete(c.list, documentId);
      const res = await kit.get(
        `${path}?limit=50${c.query ?? ''}${fields ? `&fields=${encodeURIComponent(fields)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect((res.body as { data: unknown[] }).data.length).toBeGreaterThan(0);
      expectValid(responseSchemaName(doc, 'GET', c.list, '200'), res.body);
    });

    it.each(variants)('show with %s validates', async (_label, fields) => {
      if (!c.show) return expect(c.list).toMatch(/list|versions/);
      const first = (await kit.get(`${c.list}?limit=1${c.query ?? ''}`)).body as { data: { id: number | string }[] };
      const res = await kit.get(
        `${concrete(c.show, first.data[0].id)}${fields ? `?fields=${encodeURIComponent(fields)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expectValid(responseSchemaName(doc, 'GET', c.show, '200'), res.body);
    });

    it('names only fields that the schema declares, and accepts all of them', async () => {
      const declared = schemaProperties(doc, c.schema);
      expect(Object.keys(c.model.fields).filter((f) => !declared.includes(f))).toEqual([]);
      const res = await kit.get(`${concrete(c.list, documentId)}?limit=1${c.query ?? ''}&fields=${declared.join(',')}`);
      expect(res.status).toBe(200);
    });
  });

  it.each([
    ['Contact_base', ContactBaseModel as Model<never>],
    ['Folder_base', FolderBaseModel as Model<never>],
    ['WebSite_base', WebSiteModel as Model<never>],
    ['Relationship_base', RelationshipBaseModel as Model<never>],
  ])('the nested %s model names exactly the fields of that schema', (schema, model) => {
    expect(Object.keys(model.fields).sort()).toEqual(schemaProperties(doc, schema).sort());
  });

  it('who_am_i validates as User_Show', async () => {
    const res = await kit.get('/users/who_am_i.json?fields=id,name,account{name}');
    expect(res.status).toBe(200);
    expectValid(responseSchemaName(doc, 'GET', '/users/who_am_i.json', '200'), res.body);
  });

  it.each(CASES.map((c) => [c.list, c] as const))('%s takes every order value of its OpenAPI enum', async (list, c) => {
    const orderEnum = (queryParamsOf(doc, 'GET', list).find((p) => p.name === 'order')?.schema?.enum ?? []) as string[];
    for (const order of orderEnum) {
      const res = await kit.get(
        `${concrete(c.list, documentId)}?limit=3${c.query ?? ''}&order=${encodeURIComponent(order)}`,
      );
      expect([order, res.status]).toEqual([order, 200]);
    }
  });

  it.each(CASES.map((c) => [c.list, c] as const))(
    '%s takes limits up to the OpenAPI maximum, not beyond',
    async (list, c) => {
      const described = queryParamsOf(doc, 'GET', list).find((p) => p.name === 'limit')?.description ?? '';
      const max = Number(/between 1 and (\d+)/.exec(described)?.[1]);
      expect(max).toBeGreaterThanOrEqual(200);
      const path = `${concrete(c.list, documentId)}?${(c.query ?? '').slice(1)}`;
      expect((await kit.get(`${path}&limit=${max}`)).status).toBe(200);
      expect((await kit.get(`${path}&limit=${max + 1}`)).status).toBe(400);
    },
  );

  it.each(CASES.map((c) => [c.list, c] as const))(
    '%s refuses an unknown nested field with 400 at the level it supports',
    async (list, c) => {
      const nested = Object.entries(c.model.fields).find(([, d]) => d.kind === 'object' || d.kind === 'array');
      if (!nested) return expect(list).toMatch(/versions|custom_fields/);
      const res = await kit.get(
        `${concrete(c.list, documentId)}?limit=1${c.query ?? ''}&fields=id,${nested[0]}{id,no_such_field}`,
      );
      expect(res.status).toBe(400);
      expectValid('Error', res.body);
      const deeper = await kit.get(
        `${concrete(c.list, documentId)}?limit=1${c.query ?? ''}&fields=id,${nested[0]}{id{id}}`,
      );
      expect(deeper.status).toBe(400);
    },
  );

  it('pages after the first link back (meta.paging.previous) and still validate', async () => {
    const first = await kit.get('/matters.json?limit=5');
    const next = (first.body as { meta: { paging: { next: string } } }).meta.paging.next;
    const second = await kit.getUrl(next);
    expect((second.body as { meta: { paging: { previous?: string } } }).meta.paging.previous).toEqual(
      expect.any(String),
    );
    expectValid(responseSchemaName(doc, 'GET', '/matters.json', '200'), second.body);
  });

  it('a 403 for a missing permission uses the Error schema', async () => {
    const userId = kit.sim.edge.issueToken().user_id;
    kit.sim.edge.access.configure({ users: { [userId]: { forbidden: ['tasks'] } } });
    const res = await kit.get('/tasks.json');
    kit.sim.edge.access.reset();
    expect(res.status).toBe(403);
    expectValid('Error', res.body);
  });

  it('webhooks.json pages with page_token and filters by updated_since', async () => {
    const params = queryParamsOf(doc, 'GET', '/webhooks.json').map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['page_token', 'updated_since', 'limit', 'order']));
    const empty = await kit.get(`/webhooks.json?limit=1&updated_since=${encodeURIComponent('2020-01-01T00:00:00Z')}`);
    expect(empty.status).toBe(200);
    expectValid(responseSchemaName(doc, 'GET', '/webhooks.json', '200'), empty.body);
  });

  it('errors use the Error schema', async () => {
    const bad = await kit.get('/matters.json?fields=nope');
    expect(bad.status).toBe(400);
    expectValid('Error', bad.body);
    const missing = await kit.get('/matters/999999.json');
    expect(missing.status).toBe(404);
    expectValid('Error', missing.body);
  });
});

describe('every accepted query parameter exists in the spec or the fact sheet', () => {
  const doc = loadSpec25();
  const endpoints = listEndpoints({} as never);

  it.each(endpoints.map((e) => [e.operation, e] as const))('%s', (operation, list) => {
    const specPath = operation.replace(/^GET /, '');
    const params = queryParamsOf(doc, 'GET', specPath);
    expect(params.length).toBeGreaterThan(0);
    const names = new Set(params.map((p) => p.name));
    expect(list.params.filter((p) => !names.has(p) && !FACT_SHEET_PARAMS.has(p))).toEqual([]);
    const orderEnum = params.find((p) => p.name === 'order')?.schema?.enum;
    const orders = list.orders ? ['id', ...list.orders] : [];
    if (orderEnum) {
      const accepted = orders.flatMap((o) => [`${o}(asc)`, `${o}(desc)`]);
      expect(accepted.filter((o) => !orderEnum.includes(o))).toEqual([]);
      expect(orderEnum.filter((o) => !accepted.includes(o))).toEqual([]);
    } else {
      expect(list.orders).toBeUndefined();
    }
  });

  it.each(Object.entries(OTHER_OPERATION_PARAMS))('%s', (operation, accepted) => {
    const [method, specPath] = operation.split(' ');
    const names = new Set(queryParamsOf(doc, method, specPath).map((p) => p.name));
    expect(accepted.filter((p) => !names.has(p))).toEqual([]);
  });
});
