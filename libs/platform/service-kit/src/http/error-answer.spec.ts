import { HttpException } from '@nestjs/common';
import { errorAnswer, type KnownFailure } from './error-answer';

const busy: KnownFailure = {
  matches: (e) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'BUSY',
  status: 503,
  error: 'Service Unavailable',
  message: 'busy; retry',
  retryAfterSeconds: 1,
};
const locked: KnownFailure = {
  matches: (e) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '55P03',
  status: 503,
  error: 'Service Unavailable',
  message: 'locked; retry',
};
const withCode = (message: string, code: unknown): Error => Object.assign(new Error(message), { code });

describe('errorAnswer', () => {
  it("keeps an HttpException's object body and status", () => {
    const body = { statusCode: 404, error: 'Not Found', message: 'matter not found' };
    expect(errorAnswer(new HttpException(body, 404), [busy])).toEqual({ status: 404, headers: {}, body });
  });

  it("turns an HttpException's string body into {statusCode, message}", () => {
    expect(errorAnswer(new HttpException('nope', 409), [])).toEqual({
      status: 409,
      headers: {},
      body: { statusCode: 409, message: 'nope' },
    });
  });

  it('answers a known failure with its own status, message and Retry-After, and logs nothing', () => {
    expect(errorAnswer(withCode('secret detail', 'BUSY'), [locked, busy])).toEqual({
      status: 503,
      headers: { 'Retry-After': '1' },
      body: { statusCode: 503, error: 'Service Unavailable', message: 'busy; retry' },
    });
    expect(errorAnswer(withCode('x', '55P03'), [locked, busy])).toEqual({
      status: 503,
      headers: {},
      body: { statusCode: 503, error: 'Service Unavailable', message: 'locked; retry' },
    });
  });

  it('answers anything else with a bare 500 and hands class, string code and frames (never the message) to the log', () => {
    const a = errorAnswer(withCode('password=hunter2 in a driver message', 'ECONNRESET'), [busy]);
    expect(a).toEqual({
      status: 500,
      headers: {},
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error' },
      log: { type: 'Error', errCode: 'ECONNRESET', frames: expect.arrayContaining([expect.stringMatching(/^at /)]) },
    });
    expect(JSON.stringify(a.body)).not.toContain('hunter2');
    expect(JSON.stringify(a.log)).not.toContain('hunter2');
  });

  it('logs a non-string code as absent and a thrown non-Error by its type only', () => {
    expect(errorAnswer(withCode('m', 42), []).log).toEqual({ type: 'Error', frames: expect.any(Array) });
    expect(errorAnswer('plain string with token=abc', []).log).toEqual({ type: 'string' });
  });
});
