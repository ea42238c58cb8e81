import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildAsyncApi } from './asyncapi';
import { CLIO_RECORD_FIELDS } from './clio-record-fields';

type Doc = { components: { schemas: Record<string, Record<string, unknown>> } };
const doc = buildAsyncApi() as unknown as Doc;
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
ajv.addKeyword('components');
ajv.addSchema({ $id: 'sf:asyncapi', components: { schemas: doc.components.schemas } });
const valid = (schema: string, data: unknown): boolean =>
  ajv.getSchema(`sf:asyncapi#/components/schemas/${schema}`)!(data) === true;

describe('AsyncAPI: the records of ClioRecordsFetched and ClioRecordsObserved are typed per entity type', () => {
  it('has one record schema per mirrored entity type, naming the requested fields', () => {
    for (const [entityType, fields] of Object.entries(CLIO_RECORD_FIELDS)) {
      const props = Object.keys(doc.components.schemas[`ClioRecord_${entityType}`]!['properties'] as object);
      expect(props).toEqual([...fields.map((f) => f.split('{')[0]), 'redacted']);
    }
  });

  it("checks each record against its event's entity type", () => {
    const page = (entityType: string, record: Record<string, unknown>) => ({
      jobId: 'job-1',
      entityType,
      mode: 'full',
      records: [record],
    });
    const matter = { id: 1, etag: '"a"', updated_at: '2026-01-01T00:00:00Z', display_number: '00001' };
    expect(valid('ClioRecordsFetchedV2', page('matters', matter))).toBe(true);
    expect(valid('ClioRecordsFetchedV2', page('matters', { ...matter, etag: 7 }))).toBe(false);
    expect(valid('ClioRecordsFetchedV2', page('documents', { ...matter, updated_at: 'yesterday' }))).toBe(false);
    const v1 = (entityType: string, record: Record<string, unknown>) => ({
      jobId: 'job-1',
      entityType,
      records: [record],
    });
    expect(valid('ClioRecordsFetchedV1', v1('tasks', matter))).toBe(true);
    expect(valid('ClioRecordsFetchedV1', v1('tasks', { ...matter, created_at: 'soon' }))).toBe(false);
    expect(valid('ClioRecordsFetchedV2', page('contacts', { id: 9, redacted: true }))).toBe(true);
    const observed = { entityType: 'matters', source: 'webhook_payload', deletedIds: [], deliveryIds: [] };
    expect(valid('ClioRecordsObservedV1', { ...observed, records: [matter] })).toBe(true);
    expect(valid('ClioRecordsObservedV1', { ...observed, records: [{ ...matter, etag: null }] })).toBe(false);
  });
});
