import { JetStreamApiCodes, JetStreamApiError, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';
import type { ConsumerSpec, StreamSpec, Topology } from './topology';

export interface ProvisionReport {
  streams: { name: string; action: 'created' | 'updated' }[];
  consumers: { name: string; action: 'created' | 'updated' }[];
}

const isApiError = (err: unknown, code: number): boolean => err instanceof JetStreamApiError && err.code === code;

/** How long provisioning keeps retrying a JetStream API request that timed out (a cluster electing leaders). */
const TRANSIENT_RETRY_MS = 60_000;

/**
 * A JetStream API request that timed out is tried again until `TRANSIENT_RETRY_MS` has passed: on a cluster that is
 * still electing stream leaders, or many replicas provisioning at once, the first answer can take longer than the
 * request timeout. Anything else (a refused setting) throws at once.
 */
const retryingTimeouts = async <T>(op: () => Promise<T>, deadline = Date.now() + TRANSIENT_RETRY_MS): Promise<T> => {
  for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
    try {
      return await op();
    } catch (err) {
      if (!(err instanceof Error && err.name === 'TimeoutError') || Date.now() + wait > deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
};

/**
 * Creates or updates every stream and consumer of the topology. Idempotent: running it again (or from several
 * replicas at once) converges on the same configuration. A setting the server refuses to change is an outage and
 * throws, so a drifted config is noticed at startup rather than ignored; a request that timed out is tried again.
 */
export const provision = async (jsm: JetStreamManager, topology: Topology): Promise<ProvisionReport> => {
  const report: ProvisionReport = { streams: [], consumers: [] };
  for (const s of [topology.streams.events, topology.streams.deadLetters, topology.streams.changes]) {
    report.streams.push({ name: s.name, action: await retryingTimeouts(() => ensureStream(jsm, s)) });
  }
  for (const c of topology.consumers) {
    report.consumers.push({ name: c.name, action: await retryingTimeouts(() => ensureConsumer(jsm, c)) });
  }
  return report;
};

const ensureStream = async (jsm: JetStreamManager, spec: StreamSpec): Promise<'created' | 'updated'> => {
  const { name, ...update } = spec;
  try {
    await jsm.streams.info(name);
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
    try {
      await jsm.streams.add(spec);
      return 'created';
    } catch (addErr) {
      // Another replica created it between our info and add: fall through to update.
      if (!(await streamExists(jsm, name))) throw addErr;
    }
  }
  await jsm.streams.update(name, update);
  return 'updated';
};

const streamExists = async (jsm: JetStreamManager, name: string): Promise<boolean> =>
  jsm.streams.info(name).then(
    () => true,
    (err: unknown) => {
      if (isApiError(err, JetStreamApiCodes.StreamNotFound)) return false;
      throw err;
    },
  );

const ensureConsumer = async (jsm: JetStreamManager, spec: ConsumerSpec): Promise<'created' | 'updated'> => {
  let current: ConsumerInfo;
  try {
    current = await jsm.consumers.info(spec.stream, spec.name);
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
    await jsm.consumers.add(spec.stream, spec.config);
    return 'created';
  }
  const { durable_name: _durable, ack_policy, deliver_policy, replay_policy, ...update } = spec.config;
  const fixed = { ack_policy, deliver_policy, replay_policy } as const;
  for (const [key, want] of Object.entries(fixed)) {
    const have = current.config[key as keyof typeof fixed];
    if (have !== want)
      throw new Error(
        `consumer ${spec.name}: ${key} is ${have} on the server, config says ${want}; it cannot be updated`,
      );
  }
  await jsm.consumers.update(spec.stream, spec.name, update);
  return 'updated';
};
