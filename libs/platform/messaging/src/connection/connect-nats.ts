import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { NATS_CLIENT_DEFAULTS, reconnectDelayMs, type NatsClientSettings } from './nats-client-settings';
import { rememberInboxPrefix } from './reply-inbox';
import { connectionOptionsOf, natsIdentityFromEnv, type NatsIdentity } from './nats-identity';

export interface ConnectNatsOptions {
  /** Client name, shown by the server's monitoring. */
  name: string;
  /** Defaults from `NATS_CLIENT_DEFAULTS` for any field left out. */
  settings?: Partial<NatsClientSettings>;
  /**
   * Credentials, TLS files and reply prefix. Default: from the process environment (`NATS_USER`, `NATS_PASSWORD`,
   * `NATS_PASSWORD_FILE`, `NATS_CREDS`, `NATS_TLS_*`), so every process, and every test harness that runs services
   * in-process, connects as the identity its environment names.
   */
  identity?: NatsIdentity;
  /**
   * Called once when the connection is gone for good without our own close or drain (the give-up passed, or the
   * server refused us): the process must exit non-zero, never live on with a dead connection.
   */
  onLost?: (reason: string) => void;
  /** Connection state changes worth a log line (`disconnected`, `reconnected`). */
  onChange?: (state: 'disconnected' | 'reconnected') => void;
}

/** The first connect waits for a server that is not up yet, but no longer than the give-up. */
const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`nats: no connection for ${ms} ms, giving up`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });

/**
 * Connects with reconnect-forever settings: `maxReconnectAttempts: -1`, doubling pause with jitter, and (when
 * `giveUpAfterMs` > 0) a close after that long disconnected, reported through `onLost`. While disconnected,
 * publishes and requests are buffered by the client and fail at their own timeouts; subscriptions and pull
 * consumers resume on reconnect. The first connect also waits for a server that is not up yet.
 */
export const connectNats = async (o: ConnectNatsOptions): Promise<NatsConnection> => {
  const s: NatsClientSettings = { ...NATS_CLIENT_DEFAULTS, ...o.settings };
  let attempt = 0;
  const options = connectionOptionsOf(o.identity ?? natsIdentityFromEnv());
  const connecting = connect({
    ...options,
    // A cluster's seed list, comma-separated; the client also learns the other nodes from the server.
    servers: s.url
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== ''),
    name: o.name,
    maxReconnectAttempts: -1,
    waitOnFirstConnect: true,
    reconnectDelayHandler: () => reconnectDelayMs(s, attempt++, Math.random()),
    // Found dead within ~20 s when the server vanishes without closing the socket.
    pingInterval: 10_000,
    maxPingOut: 2,
    // Otherwise every request and JetStream publish captures two stack traces up front (an Error built in case it
    // fails): 1.8 s of the relay's CPU in a medium sync. Our errors name the operation themselves.
    noAsyncTraces: true,
  });
  const nc = await (s.giveUpAfterMs > 0 ? within(connecting, s.giveUpAfterMs) : connecting);
  rememberInboxPrefix(nc, options.inboxPrefix);
  let gaveUp = false;
  let giveUp: NodeJS.Timeout | undefined;
  void (async () => {
    for await (const st of nc.status()) {
      if (st.type === 'disconnect') {
        o.onChange?.('disconnected');
        if (s.giveUpAfterMs > 0 && giveUp === undefined) {
          giveUp = setTimeout(() => {
            gaveUp = true;
            void nc.close();
          }, s.giveUpAfterMs);
        }
      } else if (st.type === 'reconnect') {
        attempt = 0;
        clearTimeout(giveUp);
        giveUp = undefined;
        o.onChange?.('reconnected');
      }
    }
  })();
  void nc.closed().then((err: void | Error) => {
    clearTimeout(giveUp);
    if (gaveUp) o.onLost?.(`nats: no connection for ${s.giveUpAfterMs} ms, giving up`);
    else if (err) o.onLost?.(`nats: connection closed (${err.message})`);
  });
  return nc;
};
