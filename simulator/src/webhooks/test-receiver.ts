import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a {@link TestReceiver} got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, byte for byte as sent (what a signature is computed over). */
  body: string;
}

export interface ReceiverReply {
  status: number;
  headers?: Record<string, string>;
}

/** What to answer; default: 200, echoing `X-Hook-Secret` so handshakes complete at once. */
export type Responder = (req: ReceivedRequest) => ReceiverReply;

export const echoHandshake: Responder = (req) => {
  const secret = req.headers['x-hook-secret'];
  const headers: Record<string, string> = typeof secret === 'string' ? { 'x-hook-secret': secret } : {};
  return { status: 200, headers };
};

export interface TestReceiver {
  /** e.g. `http://127.0.0.1:40123` */
  readonly origin: string;
  readonly requests: ReceivedRequest[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

/** A plain `node:http` server on 127.0.0.1 that records every request: a webhook or deauthorization receiver for tests. */
export const startTestReceiver = async (responder: Responder = echoHandshake): Promise<TestReceiver> => {
  let respond = responder;
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      const reply = respond(received);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (r) => void (respond = r),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
