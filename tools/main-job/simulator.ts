// The Clio simulator as a child process, and its control API: one place for the main job, the outage tests, the soak
// and the sync benchmark.
import { startService, type RunningService } from './services';

/** A call of the simulator's control API (`/_control…`); throws on a non-2xx answer. */
export type SimulatorControl = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export const simulatorControl =
  (simOrigin: string): SimulatorControl =>
  async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${simOrigin}/_control${p}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`simulator control ${method} ${p}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };

export interface SimulatorSpec {
  port: number;
  size: string;
  seed: string;
  /** Requests per minute per token, or `off`. */
  rateLimit: string;
  /** `--counts` overrides of the size's record counts (`contacts=100,matters=40`); absent: the size's own. */
  counts?: string;
  /** Latency added to every API request, ms; absent: none. */
  latencyMs?: number;
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** How long generation may take before the start is given up. */
  timeoutMs: number;
}

export interface RunningSimulator {
  service: RunningService;
  origin: string;
  control: SimulatorControl;
}

/** Starts the simulator with a generated firm and waits until its control API answers. */
export const startSimulator = async (s: SimulatorSpec): Promise<RunningSimulator> => {
  const origin = `http://127.0.0.1:${s.port}`;
  const args = ['--size', s.size, '--seed', s.seed, '--port', String(s.port), '--rate-limit', s.rateLimit];
  if (s.latencyMs !== undefined) args.push('--latency', String(s.latencyMs));
  if (s.counts !== undefined) args.push('--counts', s.counts);
  const service = await startService(
    {
      name: 'clio-simulator',
      entry: 'simulator/cli/src/main.ts',
      args,
      env: s.env,
      readyUrl: `${origin}/_control/health`,
    },
    s.logDir,
    s.timeoutMs,
  );
  return { service, origin, control: simulatorControl(origin) };
};

/** Registers our Clio app with the simulator (its redirect to the auth service's callback) and auto-approves consent. */
export const registerClioApp = async (
  control: SimulatorControl,
  app: { clientId: string; clientSecret: string; name: string; authUrl: string; deauthorize?: boolean },
): Promise<void> => {
  await control('POST', '/oauth/apps', {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    name: app.name,
    redirectUris: [`${app.authUrl}/connections/clio/callback`],
    ...(app.deauthorize ? { deauthorizationCallbackUrl: `${app.authUrl}/connections/clio/deauthorize-callback` } : {}),
  });
  await control('PUT', '/oauth/auto-approve', { enabled: true });
};
