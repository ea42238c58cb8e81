import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildAsyncApi, renderAsyncApiYaml } from './asyncapi';
import { catalogueEntries } from './catalogue';
import { parseEnvelope } from './parse-envelope';
import { edit } from './spec-fixtures';

type Doc = {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, Message>; schemas: Record<string, Record<string, unknown>> };
};
type Message = {
  name: string;
  payload: Record<string, unknown>;
  examples?: { payload: Record<string, unknown> }[];
  headers: { $ref: string };
} & Record<string, unknown>;

const CHECKED_IN = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');
const doc = buildAsyncApi() as unknown as Doc;
const typeVersions = catalogueEntries().flatMap((d) =>
  Object.keys(d.versions).map((v) => [d.type, Number(v), d.currentVersion] as const),
);

// Ajv resolves `#/components/schemas/...` inside one root document holding the schemas and every payload.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
ajv.addKeyword('components');
const payloads = Object.fromEntries(Object.entries(doc.components.messages).map(([id, m]) => [id, m.payload]));
ajv.addSchema({ $id: 'sf:asyncapi', components: { schemas: doc.components.schemas, payloads } });
const payloadValidator = (id: string) => {
  const v = ajv.getSchema(`sf:asyncapi#/components/payloads/${id}`);
  if (!v) throw new Error(`no payload schema for ${id}`);
  return v;
};

describe('docs/asyncapi.yaml', () => {
  it('is up to date with the catalogue (run `npm run asyncapi` after changing it)', () => {
    expect(readFileSync(CHECKED_IN, 'utf8')).toBe(renderAsyncApiYaml());
  });

  it('is deterministic YAML of the built document', () => {
    expect(parse(renderAsyncApiYaml())).toEqual(JSON.parse(JSON.stringify(buildAsyncApi())));
    expect(renderAsyncApiYaml()).not.toMatch(/[&*]a\d+/); // no YAML anchors/aliases
  });

  it('describes the event and dead-letter subjects', () => {
    expect(doc.channels.events.address).toBe('sf.events.{firmId}.{type}');
    expect(doc.channels.deadLetters.address).toBe('sf.dlq.{consumer}');
    expect(doc.components.messages.DeadLetter.headers.$ref).toBe('#/components/schemas/DeadLetterHeaders');
    expect(doc.components.schemas.DeadLetterHeaders.required).toEqual(
      expect.arrayContaining(['Sf-Dlq-Consumer', 'Sf-Dlq-Reason']),
    );
    expect(doc.components.schemas.EventHeaders.required).toEqual(['Nats-Msg-Id']);
  });

  describe.each(typeVersions)('%s v%i', (type, version, current) => {
    const id = `${type}V${version}`;
    const message = doc.components.messages[id];

    it('is a message of the events channel with its envelope and data schema', () => {
      expect(doc.channels.events.messages[id]).toEqual({ $ref: `#/components/messages/${id}` });
      expect(message).toMatchObject({ name: type, 'x-sf-version': version, 'x-sf-current-version': current });
      expect(JSON.stringify(message.payload)).toContain(`"data":{"$ref":"#/components/schemas/${type}V${version}"}`);
      expect(doc.components.schemas[`${type}V${version}`]).toMatchObject({
        type: 'object',
        additionalProperties: false,
      });
    });

    it('has an example that both the JSON schema and parseEnvelope accept', () => {
      const example = message.examples![0].payload;
      const validate = payloadValidator(id);
      expect(validate(example) ? 'valid' : validate.errors).toBe('valid');
      expect(parseEnvelope(example)).toMatchObject({ ok: true, value: { version: current } });
    });

    it('has a JSON schema that rejects what parseEnvelope rejects', () => {
      const example = message.examples![0].payload;
      const bad = [
        edit(example, (e) => ((e.data as Record<string, unknown>).extra = 1)),
        edit(example, (e) => (e.extra = 1)),
        edit(example, (e) => (e.eventId = 'nope')),
        edit(example, (e) => ((e.metadata as Record<string, unknown>).firmId = 'a.b')),
        // A version the schema does not name (an additive version's payload may be valid for the next one).
        edit(example, (e) => (e.version = current + 1)),
      ];
      for (const b of bad) {
        expect(payloadValidator(id)(b)).toBe(false);
        expect(parseEnvelope(b).ok).toBe(false);
      }
    });
  });

  it('agrees with the classes on nullable and scope rules', () => {
    const validate = payloadValidator('SyncRequestedV2');
    const example = doc.components.messages.SyncRequestedV2.examples![0].payload;
    const withData = (data: Record<string, unknown>) => ({ ...example, data });
    const cases = [
      { jobId: 'j', scope: { kind: 'firm' }, trigger: 'manual', requestedBy: null },
      { jobId: 'j', scope: { kind: 'firm', matterId: '1' }, trigger: 'manual' },
      { jobId: 'j', scope: { kind: 'matter' }, trigger: 'manual' },
      { jobId: 'j', scope: { kind: 'matter', matterId: '1' }, trigger: 'manual', entityTypes: null },
    ];
    expect(cases.map((d) => validate(withData(d)))).toEqual(cases.map((d) => parseEnvelope(withData(d)).ok));
    expect(cases.map((d) => validate(withData(d)))).toEqual([true, false, false, false]);
  });
});
