// Every platform process as its own child on a locked nats-server of its own, each connected with exactly its own
// credentials (platformServiceSpecs), and the platform still does its whole job: OAuth connect, the first-login
// sync into an exact mirror (relay, auth-service token RPC, orchestrator and fetcher consumers), a folder processed
// by the document processor (its consumer and its token RPC calls), and the firm's webhooks registered by the
// webhooks service (its token RPC calls). The server's own connection list shows who connected as whom.
import path from 'node:path';
import { ADMIN_DATABASE_URL, startOwnNatsServer, type OwnNatsServer } from '@sf/testing';
import { processOneFolder } from '../main-job/process-folder';
import { createGatewayClient } from '@sf/gateway-client';
import { startOutageStack, type OutageStack } from '../outages/outage-stack';
import { exitedProcesses, waitJobEnded, waitMirrorExact } from '../outages/outage-checks';
import { waitWebhooksHealthy } from '../outages/webhook-checks';
import { BusUsers } from './platform-bus';

const LOG_DIR = path.resolve(__dirname, '..', '..', 'tmp', 'locked-bus');

describe('the platform on the locked bus, each process with its own credentials', () => {
  let nats: OwnNatsServer;
  let stack: OutageStack;
  beforeAll(async () => {
    nats = await startOwnNatsServer({ monitor: true });
    stack = await startOutageStack({
      adminUrl: ADMIN_DATABASE_URL,
      natsUrl: nats.url,
      natsUsers: nats.users,
      logDir: LOG_DIR,
      latencyMs: 20,
      processor: true,
      webhooks: { registrarIntervalMs: 1_000 },
    });
  }, 240_000);
  afterAll(async () => {
    await stack?.close();
    await nats?.dispose();
  }, 60_000);

  it('connects each process as its own user and still syncs and processes', async () => {
    const connz = (await (await fetch(`${nats.monitorUrl}/connz?auth=1&limit=1000`)).json()) as {
      connections: { name?: string; authorized_user?: string }[];
    };
    const userOf = (name: string): string[] =>
      connz.connections
        .filter((c) => c.name === name || c.name?.startsWith(`${name}:`))
        .map((c) => c.authorized_user ?? '');
    expect(userOf('relay')).toEqual([BusUsers.relay]);
    expect(userOf('auth-service')).toEqual([BusUsers.auth]);
    expect(userOf('sync-orchestrator')).toEqual([BusUsers.orchestrator]);
    expect(userOf('clio-fetcher')).toEqual([BusUsers.fetcher]);
    expect(userOf('document-processor')).toEqual([BusUsers.processor]);
    expect(userOf('webhooks')).toEqual([BusUsers.webhooks]);
    expect(connz.connections.map((c) => c.authorized_user)).not.toContain(BusUsers.test);

    expect(await waitJobEnded(stack, 0, 240_000)).toBe('completed');
    await waitMirrorExact(stack, 60_000);
    const client = createGatewayClient({ baseUrl: stack.orchestratorUrl, token: stack.jwt });
    const folder = await processOneFolder(client, stack.orchestratorUrl, stack.jwt, 180_000);
    expect(folder).not.toBeNull();
    expect(folder).toMatchObject({ status: 'completed', failed: 0 });
    expect(folder!.processed).toBeGreaterThan(0);
    // The webhooks service registered the firm's webhooks with its token RPC calls.
    expect((await waitWebhooksHealthy(stack.db, stack.firmId, 120_000)).health).toBe('healthy');
    expect(exitedProcesses(stack)).toEqual([]);
  }, 600_000);
});
