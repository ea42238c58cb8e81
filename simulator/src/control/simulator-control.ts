import type { AccessSettings } from '../access/access-rules';
import type { VisibleTruth } from '../access/visible-truth';
import type { ActivityMix } from '../activity/activity-options';
import type { ActivityOp, ActivityStatus } from '../activity/activity-generator';
import type { DeauthCallbackRecord } from '../oauth/oauth-service';
import type { RegisteredApp } from '../oauth/registered-app';
import type { RateLimitOptions, ResolvedRateLimit } from '../rate-limit/rate-limit-options';
import type { RequestLogEntry } from '../server/request-log';
import type { GroundTruth } from '../store/store';
import type { Delivery, DeliveryAttempt } from '../webhooks/delivery-queue';
import type { WebhookRecord } from '../webhooks/webhook-registry';
import { CONTROL_KEY_HEADER } from './edge-options';
import type { FaultPlan, FaultPlanInput } from './fault-plan';
import { tokenFingerprint, type TokenCounter } from './request-counters';
import type { IssuedToken } from './simulator-edge';

export interface ClockState {
  now: number;
  iso: string;
  manual: boolean;
}

/** Error from the control API (non-2xx), with its status and message. */
export class SimulatorControlError extends Error {
  readonly code = 'SIM.CONTROL';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Typed client of the control API (`<origin>/_control`), for tests and tools in another process. In-process tests
 * may use `simulator.edge` directly instead.
 */
export class SimulatorControl {
  constructor(
    /** e.g. `simulator.controlUrl` */
    readonly controlUrl: string,
    private readonly key?: string,
  ) {}

  health = () => this.call<{ ok: true; regions: string[]; now: number }>('GET', '/health');
  groundTruth = () => this.call<GroundTruth>('GET', '/ground-truth');

  requests = (limit?: number) =>
    this.call<{ total: number; entries: RequestLogEntry[] }>('GET', `/requests${limit ? `?limit=${limit}` : ''}`);
  clearRequests = () => this.call<{ ok: true }>('DELETE', '/requests');
  /** Requests that presented `token` (the token never leaves this process; the server keys counters by fingerprint). */
  requestCount = async (token: string): Promise<TokenCounter | undefined> =>
    (await this.call<{ byToken: Record<string, TokenCounter> }>('GET', '/requests/counters')).byToken[
      tokenFingerprint(token)
    ];

  faults = async () => (await this.call<{ faults: FaultPlan[] }>('GET', '/faults')).faults;
  addFault = (fault: FaultPlanInput) => this.call<FaultPlan>('POST', '/faults', fault);
  removeFault = (id: string) => this.call<{ ok: true }>('DELETE', `/faults/${encodeURIComponent(id)}`);
  clearFaults = () => this.call<{ ok: true }>('DELETE', '/faults');

  clock = () => this.call<ClockState>('GET', '/clock');
  /** Needs a simulator started with a ManualClock. Runs due activity and webhook deliveries before answering. */
  setClock = (now: number | string) => this.call<ClockState>('POST', '/clock/set', { now });
  advanceClock = (ms: number) => this.call<ClockState>('POST', '/clock/advance', { ms });

  activity = () => this.call<ActivityStatus>('GET', '/activity');
  startActivity = (opts: { opsPerMinute?: number; mix?: ActivityMix } = {}) =>
    this.call<ActivityStatus>('POST', '/activity/start', opts);
  stopActivity = () => this.call<ActivityStatus>('POST', '/activity/stop');
  stepActivity = (n = 1) => this.call<{ ops: ActivityOp[]; status: ActivityStatus }>('POST', '/activity/step', { n });

  reset = (opts: { data?: boolean } = {}) => this.call<{ ok: true }>('POST', '/reset', opts);

  apps = () => this.call<{ apps: Record<string, RegisteredApp[]> }>('GET', '/oauth/apps');
  registerApp = (app: RegisteredApp) => this.call<{ regions: string[] }>('POST', '/oauth/apps', app);
  setAutoApprove = (enabled: boolean, userId?: number) =>
    this.call<{ enabled: boolean; userId?: number }>('PUT', '/oauth/auto-approve', { enabled, userId });
  setTokenTtl = (seconds: number) => this.call<{ seconds: number }>('PUT', '/oauth/token-ttl', { seconds });
  issueToken = (opts: { region?: string; clientId?: string; userId?: number; ttlSeconds?: number } = {}) =>
    this.call<IssuedToken>('POST', '/oauth/tokens', opts);
  /** User-initiated revoke in Clio's UI: all tokens of the user for the app; the deauthorization callback says `all`. */
  revokeUser = (opts: { region?: string; clientId?: string; userId?: number } = {}) =>
    this.call<{ revoked: number }>('POST', '/oauth/revoke-user', opts);
  revokeToken = (accessToken: string, region?: string) =>
    this.call<{ revoked: boolean }>('POST', '/oauth/revoke-token', { accessToken, region });
  deauthCallbacks = async () =>
    (await this.call<{ callbacks: DeauthCallbackRecord[] }>('GET', '/oauth/callbacks')).callbacks;

  rateLimit = () => this.call<ResolvedRateLimit & { enabled: boolean }>('GET', '/rate-limit');
  setRateLimit = (change: RateLimitOptions & { enabled?: boolean }) =>
    this.call<ResolvedRateLimit & { enabled: boolean }>('PUT', '/rate-limit', change);

  access = () => this.call<AccessSettings>('GET', '/access');
  /** Merges `users` by user id; other settings replace. */
  setAccess = (change: Partial<AccessSettings>) => this.call<AccessSettings>('PUT', '/access', change);
  resetAccess = () => this.call<AccessSettings>('DELETE', '/access');
  /** The ground truth as `userId` may see it (forbidden resources, hidden and redacted contacts). */
  visibleTruth = (userId: number, clientId?: string) =>
    this.call<VisibleTruth>(
      'GET',
      `/ground-truth/visible?userId=${userId}${clientId ? `&clientId=${encodeURIComponent(clientId)}` : ''}`,
    );
  webhooks = async () => (await this.call<{ webhooks: WebhookRecord[] }>('GET', '/webhooks')).webhooks;
  deliveries = async () => (await this.call<{ deliveries: Delivery[] }>('GET', '/webhooks/deliveries')).deliveries;
  deliveryAttempts = async () =>
    (await this.call<{ attempts: DeliveryAttempt[] }>('GET', '/webhooks/attempts')).attempts;
  pumpWebhooks = () => this.call<{ sent: number }>('POST', '/webhooks/pump');
  /** Waits until handshakes, due deliveries and deauthorization callbacks have finished. */
  settle = () => this.call<{ pending: number }>('POST', '/webhooks/settle');

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.key !== undefined) headers[CONTROL_KEY_HEADER] = this.key;
    const res = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? res.statusText;
      throw new SimulatorControlError(res.status, message);
    }
    return parsed as T;
  }
}
