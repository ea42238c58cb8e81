import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test-only stand-in for Clio's `POST /oauth/token` on 127.0.0.1, used until the simulator's OAuth exists
 * (libs/clio/simulator/src/oauth). It records every form it receives and answers with what `respond` returns;
 * `hold()` parks answers until released, so a test can pile up concurrent callers behind one refresh.
 */
export interface TokenAnswer {
  status: number;
  body: unknown;
}

export interface FakeTokenEndpoint {
  origin: string;
  /** Every form posted to /oauth/token, in arrival order. */
  readonly calls: ReadonlyArray<Record<string, string>>;
  respond: (form: Record<string, string>, n: number) => TokenAnswer;
  /** Parks every answer until the returned function is called. */
  hold: () => () => void;
  close: () => Promise<void>;
}

const readForm = async (req: IncomingMessage): Promise<Record<string, string>> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
};

export const startFakeTokenEndpoint = async (respond: FakeTokenEndpoint['respond']): Promise<FakeTokenEndpoint> => {
  const calls: Array<Record<string, string>> = [];
  let gate: Promise<void> = Promise.resolve();
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/oauth/token') {
        res.writeHead(404).end();
        return;
      }
      const form = await readForm(req);
      calls.push(form);
      const n = calls.length;
      await gate;
      const answer = endpoint.respond(form, n);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint: FakeTokenEndpoint = {
    origin: `http://127.0.0.1:${port}`,
    calls,
    respond,
    hold: () => {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return () => release();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
  return endpoint;
};

/** A Clio-shaped success body (SPEC22 "Step 2"). */
export const tokenBody = (accessToken: string, refreshToken?: string, expiresIn = 2_592_000): Record<string, unknown> => ({
  token_type: 'bearer',
  access_token: accessToken,
  expires_in: expiresIn,
  ...(refreshToken ? { refresh_token: refreshToken } : {}),
});
