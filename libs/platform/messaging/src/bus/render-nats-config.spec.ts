import { busPermissions } from './bus-permissions';
import { subscriberUser, type BusUser } from './bus-user';
import { renderNatsAccounts, renderNatsServerConfig } from './render-nats-config';

const fetcher: BusUser = {
  name: 'clio-fetcher',
  password: 'pw',
  provisionsStreams: true,
  consumers: [{ name: 'clio-fetcher', filters: ['sf.events.*.SyncRequested'] }],
  calls: ['sf.rpc.auth.access-token'],
};

describe('bus permissions', () => {
  it('grants a consumer service its own durables with their filters, its dead letters, acks, their redrives and its RPC calls', () => {
    expect(busPermissions(fetcher)).toEqual({
      publish: [
        '$JS.API.INFO',
        '$JS.API.STREAM.CREATE.SF_EVENTS',
        '$JS.API.STREAM.UPDATE.SF_EVENTS',
        '$JS.API.STREAM.INFO.SF_EVENTS',
        '$JS.API.STREAM.CREATE.SF_DLQ',
        '$JS.API.STREAM.UPDATE.SF_DLQ',
        '$JS.API.STREAM.INFO.SF_DLQ',
        '$JS.API.STREAM.CREATE.SF_CHANGES',
        '$JS.API.STREAM.UPDATE.SF_CHANGES',
        '$JS.API.STREAM.INFO.SF_CHANGES',
        '$JS.API.CONSUMER.CREATE.SF_EVENTS.clio-fetcher.sf.events.*.SyncRequested',
        '$JS.API.CONSUMER.INFO.SF_EVENTS.clio-fetcher',
        '$JS.API.CONSUMER.MSG.NEXT.SF_EVENTS.clio-fetcher',
        '$JS.ACK.SF_EVENTS.clio-fetcher.>',
        'sf.dlq.clio-fetcher',
        'sf.rpc.auth.access-token',
      ],
      subscribe: ['_INBOX.clio-fetcher.>', 'sf.rpc.redrive.clio-fetcher'],
      allowResponses: true,
    });
  });

  it('lets the ops user read the dead-letter stream, ask any consumer for a redrive, and read events and changes, nothing more', () => {
    expect(
      busPermissions({ name: 'sf-ops', password: 'pw', operatesDeadLetters: true, readsEventStream: true }),
    ).toEqual({
      publish: [
        '$JS.API.INFO',
        '$JS.API.STREAM.INFO.SF_DLQ',
        '$JS.API.CONSUMER.CREATE.SF_DLQ.>',
        '$JS.API.CONSUMER.INFO.SF_DLQ.*',
        '$JS.API.CONSUMER.DELETE.SF_DLQ.*',
        '$JS.API.CONSUMER.MSG.NEXT.SF_DLQ.*',
        'sf.rpc.redrive.*',
        '$JS.API.STREAM.INFO.SF_EVENTS',
        '$JS.API.STREAM.MSG.GET.SF_EVENTS',
        '$JS.API.STREAM.INFO.SF_CHANGES',
        '$JS.API.STREAM.MSG.GET.SF_CHANGES',
      ],
      subscribe: ['_INBOX.sf-ops.>'],
      allowResponses: false,
    });
  });

  it('gives a subscriber one durable per granted firm, reading that firm only, and nothing else', () => {
    const p = busPermissions(
      subscriberUser({ name: 'crm', password: 'pw', consumer: 'crm', scope: { firms: ['f1'] } }),
    );
    expect(p.publish).toEqual([
      '$JS.API.INFO',
      '$JS.API.CONSUMER.CREATE.SF_EVENTS.crm-f1.sf.events.f1.>',
      '$JS.API.CONSUMER.INFO.SF_EVENTS.crm-f1',
      '$JS.API.CONSUMER.MSG.NEXT.SF_EVENTS.crm-f1',
      '$JS.ACK.SF_EVENTS.crm-f1.>',
      'sf.dlq.crm-f1',
    ]);
    expect(p.subscribe).toEqual(['_INBOX.crm.>', 'sf.rpc.redrive.crm-f1']);
    expect(() => subscriberUser({ name: 'x', password: 'p', consumer: 'x', scope: { firms: ['a.b'] } })).toThrow();
  });

  it('rebases subjects and streams for another namespace, and lets responders reply', () => {
    const p = busPermissions(
      { name: 'auth-service', password: 'pw', answers: ['sf.rpc.auth.access-token'] },
      { namespace: 't1', eventsStream: 'T1_EVENTS', deadLetterStream: 'T1_DLQ' },
    );
    expect(p.subscribe).toEqual(['_INBOX.auth-service.>', 't1.rpc.auth.access-token']);
    expect(p.allowResponses).toBe(true);
  });
});

describe('renderNatsServerConfig', () => {
  it('renders one JetStream account with its users, TLS and monitoring when asked', () => {
    const conf = renderNatsServerConfig({
      listen: '0.0.0.0:4222',
      storeDir: '/data',
      users: [fetcher, { name: 'relay', password: '$2a$11$hash', publishesEvents: true }],
      tls: { certFile: '/tls/tls.crt', keyFile: '/tls/tls.key', caFile: '/tls/ca.crt', verify: true },
      monitorPort: 8222,
    });
    expect(conf).toContain('listen: "0.0.0.0:4222"');
    expect(conf).toContain('http: "0.0.0.0:8222"');
    expect(conf).toContain('store_dir: "/data"');
    expect(conf).toMatch(
      /tls \{\n {2}cert_file: "\/tls\/tls.crt"\n {2}key_file: "\/tls\/tls.key"\n {2}ca_file: "\/tls\/ca.crt"\n {2}verify: true\n\}/,
    );
    expect(conf).toContain('jetstream: enabled');
    expect(conf).toContain('password: "$2a$11$hash"');
    expect(conf).toContain('"sf.events.>"');
    expect(conf.match(/allow_responses/g)).toHaveLength(1); // the fetcher answers redrives; the relay nothing
    expect(
      conf.endsWith(
        renderNatsAccounts({ users: [fetcher, { name: 'relay', password: '$2a$11$hash', publishesEvents: true }] }),
      ),
    ).toBe(true);
  });

  it('refuses a user listed twice or a name that is not a subject token', () => {
    const spec = { listen: '127.0.0.1:4222', storeDir: '/d' };
    expect(() => renderNatsServerConfig({ ...spec, users: [fetcher, fetcher] })).toThrow('listed twice');
    expect(() => renderNatsServerConfig({ ...spec, users: [{ name: 'a.b', password: 'p' }] })).toThrow('subject token');
  });
});
