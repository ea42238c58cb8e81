import type { Simulator, SimulatorOptions } from '../simulator';
import { createSimulator } from '../simulator';
import type { EntityCounts } from '../data/sizes';

/** A firm small enough for fast tests, with every kind of record. */
export const TINY_COUNTS: Partial<EntityCounts> = {
  users: 5,
  contacts: 60,
  matters: 25,
  calendar_entries: 40,
  tasks: 30,
  documents: 120,
  activities: 150,
  custom_fields_per_parent: 12,
  folders_per_matter: 2,
};

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is empty or not JSON). */
  body: unknown;
}

export interface SimTestKit {
  sim: Simulator;
  token: string;
  /** GET `<baseUrl><path>` with the bearer token (no redirect following). */
  get(path: string, headers?: Record<string, string>): Promise<TestResponse>;
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  /** GET an absolute URL (e.g. `meta.paging.next`) with the bearer token. */
  getUrl(url: string, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
}

/** Starts an in-process simulator (rate limiting off) and a client holding a valid token for it. */
export const startSimTestKit = async (opts: SimulatorOptions = {}): Promise<SimTestKit> => {
  const sim = await createSimulator({
    size: 'small',
    seed: 7,
    rateLimit: false,
    ...opts,
    counts: { ...TINY_COUNTS, ...opts.counts },
  });
  const token = sim.edge.issueToken().access_token;
  const request = async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> => {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };
  return {
    sim,
    token,
    get: (path, headers) => request('GET', sim.baseUrl() + path, undefined, headers),
    send: (method, path, body, headers) => request(method, sim.baseUrl() + path, body, headers),
    getUrl: (url, headers) => request('GET', url, undefined, headers),
    close: () => sim.close(),
  };
};

/** Narrow a list response body. */
export const listBody = (
  r: TestResponse,
): { data: Record<string, unknown>[]; meta: { paging: { next?: string; previous?: string }; records?: number } } =>
  r.body as { data: Record<string, unknown>[]; meta: { paging: { next?: string }; records?: number } };

/** Narrow a single-record response body. */
export const showBody = (r: TestResponse): Record<string, unknown> =>
  (r.body as { data: Record<string, unknown> }).data;
