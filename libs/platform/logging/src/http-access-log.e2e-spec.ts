import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from './create-logger';
import { httpAccessLog } from './http-access-log';
import { REDACTED } from './redaction';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('httpAccessLog (e2e, a real HTTP server)', () => {
  const raw: string[] = [];
  const lines = (): Array<Record<string, unknown>> => raw.map((s) => JSON.parse(s) as Record<string, unknown>);
  const log = createLogger({ name: 'spec', destination: { write: (s: string) => void raw.push(s) } });
  const access = httpAccessLog(log);
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) =>
      access(req, res, () => {
        // A handler's own line, written after an await: it must carry the request's ids too.
        void Promise.resolve().then(() => {
          log.info({ seenRequestId: req.headers['x-request-id'] }, 'handler ran');
          res.statusCode = req.url?.startsWith('/fail') ? 500 : 200;
          res.end('{}');
        });
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => raw.splice(0));

  const waitForLines = async (n: number): Promise<void> => {
    for (const deadline = Date.now() + 5_000; raw.length < n && Date.now() < deadline;)
      await new Promise((r) => setImmediate(r));
  };

  it('logs method, redacted URL and status with the request id and trace ids, and never a header or a query secret', async () => {
    await fetch(`${base}/connections/clio/callback?code=oauth-code-123&state=v1.state-456&region=us`, {
      headers: {
        authorization: 'Bearer jwt-789',
        cookie: 'sid=cookie-000',
        'x-request-id': 'req-1',
        traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      },
    });
    await waitForLines(2);
    const all = raw.join('');
    for (const s of ['oauth-code-123', 'state-456', 'jwt-789', 'cookie-000']) expect(all).not.toContain(s);
    const [handler, accessLine] = lines();
    expect(handler).toMatchObject({
      msg: 'handler ran',
      seenRequestId: 'req-1',
      correlationId: 'req-1',
      traceId: TRACE_ID,
      spanId: SPAN_ID,
    });
    expect(accessLine).toMatchObject({
      msg: 'request completed',
      level: 30,
      correlationId: 'req-1',
      traceId: TRACE_ID,
      requestId: 'req-1',
      req: { method: 'GET', url: `/connections/clio/callback?code=${REDACTED}&state=${REDACTED}&region=us` },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(accessLine!['req']).not.toHaveProperty('headers');
  });

  it('gives a request without a usable x-request-id a fresh id that the handler sees too; a 500 is logged as an error', async () => {
    await fetch(`${base}/fail`, { headers: { 'x-request-id': 'has spaces' } });
    await waitForLines(2);
    const [handler, accessLine] = lines();
    expect(handler!['correlationId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(handler!['seenRequestId']).toBe(handler!['correlationId']);
    expect(accessLine).toMatchObject({ level: 50, correlationId: handler!['correlationId'], res: { statusCode: 500 } });
    expect(accessLine).not.toHaveProperty('traceId');
  });
});
