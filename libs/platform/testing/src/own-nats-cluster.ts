import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { testBusConfig, testBusUsers, type BusLogin } from './test-bus';

/** One node of an own NATS cluster: kill it and start it again on the same ports and store. */
export interface OwnNatsNode {
  name: string;
  url: string;
  port: number;
  storeDir: string;
  start(): Promise<void>;
  /** SIGKILL (no lame-duck) and wait for the exit. */
  kill(): Promise<void>;
  running(): boolean;
}

/** A JetStream cluster of a test's own (never the shared server): `nats-server` processes on loopback with routes. */
export interface OwnNatsCluster {
  nodes: OwnNatsNode[];
  /** Every node's client URL, comma-separated (NATS_URL accepts the list). */
  url: string;
  /** The bus users it accepts: the test run's locked configuration (empty: open nodes, outside Jest). */
  users: readonly BusLogin[];
  /** Kills every node and deletes their stores. */
  dispose(): Promise<void>;
}

/** Healthy = JetStream enabled and, in a cluster, the meta group has a leader this node is current with. */
const healthy = async (monitorPort: number): Promise<boolean> => {
  try {
    const res = await fetch(`http://127.0.0.1:${monitorPort}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
};

/**
 * Starts `size` (default 3) nats-server processes with JetStream, each with its own store directory, client,
 * route and monitoring port on 127.0.0.1, routed to each other; resolves once every node reports healthy (the
 * JetStream meta leader elected). Streams created on it may have up to `size` replicas.
 */
export const startOwnNatsCluster = async (size = 3): Promise<OwnNatsCluster> => {
  const clusterName = `sf-test-${process.pid}-${Date.now().toString(36)}`;
  const ports: { client: number; route: number; monitor: number }[] = [];
  for (let i = 0; i < size; i++) {
    ports.push({ client: await freePort(), route: await freePort(), monitor: await freePort() });
  }
  const routes = ports.map((p) => `nats://127.0.0.1:${p.route}`).join(',');
  // Every node runs the test run's locked configuration (accounts, users, permissions); routes need no credentials.
  const render = testBusConfig();
  const confDir = render ? mkdtempSync(path.join(tmpdir(), 'sf-nats-conf-')) : undefined;
  const nodes = ports.map((p, i): OwnNatsNode & { monitor: number } => {
    const storeDir = mkdtempSync(path.join(tmpdir(), `sf-nats-c${i}-`));
    const conf = confDir ? path.join(confDir, `n${i + 1}.conf`) : undefined;
    if (render && conf) writeFileSync(conf, render(`127.0.0.1:${p.client}`, storeDir), { mode: 0o600 });
    let child: ChildProcess | undefined;
    const alive = (): boolean => !!child && child.exitCode === null && child.signalCode === null;
    const node = {
      name: `n${i + 1}`,
      url: `nats://127.0.0.1:${p.client}`,
      port: p.client,
      monitor: p.monitor,
      storeDir,
      running: alive,
      start: async () => {
        if (alive()) return;
        // The same ports and store each time, as a restarted pod keeps its volume.
        child = spawn(
          'nats-server',
          [
            ...(conf ? ['-c', conf] : ['-a', '127.0.0.1', '-p', String(p.client), '-js', '-sd', storeDir]),
            ...['-m', String(p.monitor), '--server_name', `${clusterName}-n${i + 1}`],
            ...['--cluster_name', clusterName, '--cluster', `nats://127.0.0.1:${p.route}`, '--routes', routes],
          ],
          { stdio: 'ignore' },
        );
        const c = child;
        for (const deadline = Date.now() + 30_000; !(await healthy(p.monitor));) {
          if (c.exitCode !== null || Date.now() > deadline) throw new Error(`nats node n${i + 1} not healthy in 30 s`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      kill: async () => {
        const c = child;
        child = undefined;
        if (!c || c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGKILL');
        await exited;
      },
    };
    return node;
  });
  const cluster: OwnNatsCluster = {
    nodes,
    url: nodes.map((n) => n.url).join(','),
    users: render ? (testBusUsers() ?? []) : [],
    dispose: async () => {
      for (const n of nodes) {
        await n.kill();
        rmSync(n.storeDir, { recursive: true, force: true });
      }
      if (confDir) rmSync(confDir, { recursive: true, force: true });
    },
  };
  try {
    // Together: a node is healthy only once the meta group has a leader, which needs a quorum of nodes up.
    await Promise.all(nodes.map((n) => n.start()));
  } catch (e) {
    await cluster.dispose();
    throw e;
  }
  return cluster;
};
