import type { ArgumentsHost } from '@nestjs/common';
import { createLogger } from '@sf/logging';
import { HttpErrorFilter } from './http-error.filter';
import type { HttpErrorResponse } from './http-response';

/** A response and an ArgumentsHost just wide enough for the filter. */
const hostFor = (sent: { status?: number; body?: unknown }): ArgumentsHost => {
  const res: HttpErrorResponse = {
    setHeader: () => undefined,
    status: (code) => ((sent.status = code), res),
    json: (body) => void (sent.body = body),
  };
  return { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
};

describe('HttpErrorFilter', () => {
  it('never writes a secret-bearing error message to the log or the answer', () => {
    const raw: string[] = [];
    const filter = new HttpErrorFilter(
      createLogger({ name: 'spec', destination: { write: (s: string) => void raw.push(s) } }),
    );
    const sent: { status?: number; body?: unknown } = {};
    const secret = Object.assign(
      new Error('POST https://app.clio.com/oauth/token?client_secret=cs-1 refresh_token=rt-2 was refused'),
      { code: 'ECONNRESET' },
    );

    filter.catch(secret, hostFor(sent));

    expect(sent).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error' },
    });
    expect(raw).toHaveLength(1);
    for (const s of ['cs-1', 'rt-2', 'oauth/token', 'refused']) expect(raw[0]).not.toContain(s);
    const line = JSON.parse(raw[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 50, msg: 'request failed', err: { type: 'Error', errCode: 'ECONNRESET' } });
    expect((line['err'] as { frames: string[] }).frames[0]).toMatch(/^at .*http-error\.filter\.spec\.ts:\d+:\d+/);
  });
});
