import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { createLogger } from './create-logger';
import { traceIdsOf, withLogContext } from './log-context';
import { REDACTED, REDACT_PATHS, SECRET_KEYS } from './redaction';

type Line = Record<string, unknown>;

const capture = (): { lines: Line[]; raw: string[]; log: ReturnType<typeof createLogger> } => {
  const raw: string[] = [];
  const log = createLogger({ name: 'spec', level: 'debug', destination: { write: (s: string) => void raw.push(s) } });
  return {
    raw,
    log,
    get lines() {
      return raw.map((s) => JSON.parse(s) as Line);
    },
  };
};

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('createLogger: redaction', () => {
  it.each(SECRET_KEYS.map((k) => [k]))(
    'blanks %s at the top, one and two levels down, in calls and child bindings',
    (key) => {
      const c = capture();
      const secret = (where: string): string => `s3cr3t-${key}-${where}`;
      c.log.info(
        { [key]: secret('top'), a: { [key]: secret('one'), b: { [key]: secret('two'), kept: 'visible' } } },
        'line',
      );
      c.log.child({ [key]: secret('binding') }).info('child line');
      const all = c.raw.join('');
      expect(all).not.toContain('s3cr3t');
      const [line, child] = c.lines;
      expect(line).toMatchObject({ [key]: REDACTED, a: { [key]: REDACTED, b: { [key]: REDACTED, kept: 'visible' } } });
      expect(child).toMatchObject({ [key]: REDACTED });
    },
  );

  it('covers the places secrets actually travel: request headers, token grants, OAuth callbacks, client config', () => {
    const c = capture();
    c.log.info(
      {
        req: {
          headers: { authorization: 'Bearer eyJ.abc', cookie: 'sid=1', 'x-sim-control-key': 'ck' },
          query: { code: 'oauth-code', state: 'st' },
        },
        res: { headers: { 'set-cookie': 'sid=2' } },
        grant: { access_token: 'at', refresh_token: 'rt', tokens: { accessToken: 'at2', refreshToken: 'rt2' } },
        clio: { clientSecret: 'cs', client_secret: 'cs2' },
        user: { password: 'pw' },
      },
      'everything',
    );
    const all = c.raw.join('');
    for (const s of [
      'eyJ.abc',
      'sid=1',
      'sid=2',
      'oauth-code',
      '"st"',
      '"at"',
      '"rt"',
      'at2',
      'rt2',
      '"cs"',
      'cs2',
      '"pw"',
      '"ck"',
    ]) {
      expect(all).not.toContain(s);
    }
  });

  it('lists every secret key at depth 0, 1 and 2', () => {
    expect(REDACT_PATHS).toHaveLength(SECRET_KEYS.length * 3);
  });

  it('logs an Error under err by class, code and stack frames, never its message', () => {
    const c = capture();
    const e = Object.assign(new TypeError('refresh_token=rt-123 rejected'), { code: 'E_CLIO' });
    c.log.error({ err: e }, 'failed');
    expect(c.raw.join('')).not.toContain('rt-123');
    expect(c.lines[0]!['err']).toEqual({
      type: 'TypeError',
      errCode: 'E_CLIO',
      frames: expect.arrayContaining([expect.stringMatching(/^at /)]),
    });
  });
});

describe('createLogger: correlation and trace ids', () => {
  it('adds the ids of the current log context to every line, including lines of async work started inside it', async () => {
    const c = capture();
    c.log.info('outside');
    await withLogContext({ correlationId: 'corr-1', traceId: TRACE_ID, spanId: SPAN_ID }, async () => {
      c.log.info('inside');
      await new Promise<void>((resolve) => setImmediate(resolve));
      c.log.child({ jobId: 'j1' }).warn('after an await, from a child');
      await withLogContext({ correlationId: 'corr-2' }, async () => c.log.info('nested'));
    });
    const [outside, inside, later, nested] = c.lines;
    expect(outside).not.toHaveProperty('correlationId');
    expect(outside).not.toHaveProperty('traceId');
    expect(inside).toMatchObject({
      name: 'spec',
      correlationId: 'corr-1',
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      msg: 'inside',
    });
    expect(later).toMatchObject({ correlationId: 'corr-1', traceId: TRACE_ID, jobId: 'j1' });
    expect(nested).toMatchObject({ correlationId: 'corr-2', traceId: TRACE_ID, spanId: SPAN_ID });
  });

  it('takes trace ids from an OTel context (a message span), and none from a context without a valid span', () => {
    const ctx = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(traceIdsOf(ctx)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID });
    expect(traceIdsOf(ROOT_CONTEXT)).toEqual({});
  });

  it('writes one format: JSON with ISO time, level number, process name and message', () => {
    const c = capture();
    c.log.info({ n: 1 }, 'hello');
    expect(c.lines[0]).toMatchObject({
      level: 30,
      name: 'spec',
      n: 1,
      msg: 'hello',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});
