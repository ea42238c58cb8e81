import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildAsyncApi } from '../asyncapi';
import { SUBJECTS } from '../subjects';
import { CHANGE_MESSAGE_ID } from './asyncapi-changes';
import { clioRecordChanged } from './clio-record-changed';
import { changeMessageBodyOf, readChangeMessage, toChangeMessage } from './read-change-message';

type Doc = {
  components: {
    schemas: Record<string, object>;
    messages: Record<string, { payload: object; examples: [{ payload: unknown }] }>;
  };
  channels: Record<string, { address: string }>;
  servers: Record<string, { protocol: string }>;
};
const doc = buildAsyncApi() as unknown as Doc;
const example = clioRecordChanged.examples[1];

describe('ClioRecordChanged', () => {
  it('reads the body the relay publishes, and rejects unknown fields, types and versions by name', () => {
    expect(readChangeMessage(JSON.parse(JSON.stringify(toChangeMessage(example))))).toEqual({
      ok: true,
      value: { type: 'ClioRecordChanged', version: 1, data: example },
    });
    expect(readChangeMessage({ ...toChangeMessage(example), extra: 1 })).toEqual({
      ok: false,
      reason: 'body: unknown field',
    });
    expect(readChangeMessage({ ...toChangeMessage(example), version: 9 }).ok).toBe(false);
    expect(readChangeMessage({ ...toChangeMessage(example), type: 'Other' }).ok).toBe(false);
    const bad = readChangeMessage(toChangeMessage({ ...example, change: 'moved' as never }));
    expect(bad).toEqual({ ok: false, reason: expect.stringContaining('data.change') });
    expect(JSON.stringify(bad)).not.toContain('moved');
    const fields = readChangeMessage(toChangeMessage({ ...example, fields: { name: { old: 1 } } as never }));
    expect(fields).toEqual({ ok: false, reason: expect.stringContaining('data.fields') });
  });

  it('changeMessageBodyOf copies the fields text (as Postgres prints jsonb) into the body the relay publishes', () => {
    // A record id and field values holding the placeholder's own text must not confuse the splice.
    const data = { ...example, recordId: '"fields":{}', fields: { name: { old: '"fields":{}', new: 'x' } } };
    const { fields, ...rest } = data;
    const text = JSON.stringify(fields, null, 1).replace(/\n\s*/g, ' ');
    const body = changeMessageBodyOf(rest, text);
    expect(body).toContain(`"fields":${text}`);
    expect(JSON.parse(body)).toEqual(toChangeMessage(data));
    expect(readChangeMessage(JSON.parse(body))).toEqual({ ok: true, value: toChangeMessage(data) });
  });

  it('has subjects per firm and entity type, refusing unsafe tokens', () => {
    expect(SUBJECTS.change('firm-1', 'matters')).toBe('sf.changes.firm-1.matters');
    expect(SUBJECTS.firmChanges('firm-1')).toBe('sf.changes.firm-1.*');
    expect(SUBJECTS.entityTypeChanges('documents')).toBe('sf.changes.*.documents');
    expect(() => SUBJECTS.change('firm.1', 'matters')).toThrow('firmId');
  });

  it('is in the AsyncAPI document: channel, servers, full payload schema its example satisfies', () => {
    expect(doc.channels['changes']!.address).toBe('sf.changes.{firmId}.{entityType}');
    expect(Object.values(doc.servers).map((s) => s.protocol)).toEqual(['nats', 'nats']);
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    ajv.addKeyword('components');
    const message = doc.components.messages[CHANGE_MESSAGE_ID]!;
    ajv.addSchema({ $id: 'sf:changes', components: { schemas: doc.components.schemas, payload: message.payload } });
    const validate = ajv.getSchema('sf:changes#/components/payload')!;
    expect(validate(message.examples[0].payload) ? 'valid' : validate.errors).toBe('valid');
    expect(validate({ ...toChangeMessage(example), data: { ...example, fields: { a: { old: 1 } } } })).toBe(false);
  });
});
