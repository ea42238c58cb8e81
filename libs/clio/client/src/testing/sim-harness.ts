import type { AccessTokenReply } from '@sf/contracts';
import {
  createSimulator,
  ManualClock,
  SimulatorControl,
  type Simulator,
  type SimulatorOptions,
} from '@sf/clio-simulator';
import { createInMemoryTokenProvider } from '../tokens/in-memory-token-provider';
import type { TokenProvider } from '../types';

/** Test support (not exported): an in-process simulator on a manual clock the client shares. */
export interface SimHarness {
  sim: Simulator;
  clock: ManualClock;
  control: SimulatorControl;
  now: () => number;
  /** Fake sleep: moves the shared clock forward instead of waiting; every call is recorded. */
  sleep: (ms: number) => Promise<void>;
  sleeps: number[];
  close: () => Promise<void>;
}

/** Saturday 2025-01-04 12:00:00 UTC: the start of a rate-limit window, off-peak (the peak limit applies anyway). */
export const T0 = Date.UTC(2025, 0, 4, 12, 0, 0);

export async function startSimHarness(opts: SimulatorOptions = {}): Promise<SimHarness> {
  const clock = new ManualClock(T0);
  const sim = await createSimulator({ clock, webhooks: { pollIntervalMs: 0 }, ...opts });
  const sleeps: number[] = [];
  return {
    sim,
    clock,
    control: new SimulatorControl(sim.controlUrl),
    now: () => clock.now(),
    sleep: async (ms) => {
      sleeps.push(ms);
      // Sleeps that overlap (two clients waiting for the same window) end at their own instant, not one after the
      // other: move the clock to this sleep's end unless another sleep already took it further.
      const until = clock.now() + ms;
      if (clock.now() < until) clock.set(until);
    },
    sleeps,
    close: () => sim.close(),
  };
}

export interface IssuingProvider {
  provider: TokenProvider;
  /** Every question the provider had to pass on (cache misses, refreshes, needs_reauth reports), in order. */
  asked: Array<{ firmId: string; rejectedToken: string | undefined; unauthorizedAfterRefresh?: true }>;
  /** Tokens handed out, in order. */
  issued: string[];
}

/**
 * A TokenProvider that mints simulator tokens for one connection; a refresh (rejectedToken) mints a new one, and a
 * report that a fresh token was refused (unauthorizedAfterRefresh) is answered needs_reauth, as the auth service does.
 */
export function simTokenProvider(h: SimHarness, connectionId: string): IssuingProvider {
  const asked: IssuingProvider['asked'] = [];
  const issued: string[] = [];
  const provider = createInMemoryTokenProvider(
    (firmId, rejectedToken, request): AccessTokenReply => {
      if (request.unauthorizedAfterRefresh === true) {
        asked.push({ firmId, rejectedToken, unauthorizedAfterRefresh: true });
        return { ok: false, reason: 'needs_reauth', message: 'Clio rejected a freshly refreshed access token' };
      }
      asked.push({ firmId, rejectedToken });
      const t = h.sim.edge.issueToken();
      issued.push(t.access_token);
      return {
        ok: true,
        accessToken: t.access_token,
        expiresAt: new Date(h.clock.now() + t.expires_in * 1000).toISOString(),
        region: 'us',
        apiBaseUrl: h.sim.baseUrl(),
        connectionId,
      };
    },
    { now: h.now },
  );
  return { provider, asked, issued };
}

/** Requests per simulator-clock window of `windowMs` for API paths, keyed by the window start. */
export function requestsPerWindow(sim: Simulator, windowMs = 60_000): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of sim.requests.entries()) {
    if (!e.path.startsWith('/api/v4')) continue;
    const w = Math.floor(e.at / windowMs) * windowMs;
    out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}
