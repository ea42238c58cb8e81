import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import pino from 'pino';
import { DEFAULT_CLAIMS, HttpAuthModule, Public } from '@sf/http-auth';
import { HttpErrorFilter } from '../http/http-error.filter';
import { HealthModule } from './health.module';
import type { Readiness } from './readiness';

const SECRET = 'service-kit-health-e2e-secret-of-32-bytes!';
const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

/** Routes that throw, to see the filter's answers over HTTP. */
@Public()
@Controller('boom')
class BoomController {
  @Get('busy')
  busy(): never {
    throw withCode('detail nobody should see', 'BUSY');
  }

  @Get('bug')
  bug(): never {
    throw withCode('token=abc123 leaked by a driver', 'EPIPE');
  }
}

/** No @Public(): the global guard must refuse it without a token, while health beside it stays open. */
@Controller('guarded')
class GuardedController {
  @Get()
  get(): { ok: true } {
    return { ok: true };
  }
}

describe('HealthModule and HttpErrorFilter over HTTP (e2e, real Nest app with the JWT guard)', () => {
  let app: INestApplication;
  let base: string;
  let answer: Readiness = { ready: true, checks: { postgres: 'ok', nats: 'ok' } };
  const logged: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    @Module({
      imports: [
        HttpAuthModule.forRoot({
          alg: 'HS256',
          secret: Buffer.from(SECRET),
          leewaySeconds: 30,
          claims: { ...DEFAULT_CLAIMS },
        }),
        HealthModule.forRoot(async () => answer),
      ],
      controllers: [BoomController, GuardedController],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, new ExpressAdapter(), { logger: false });
    app.useGlobalFilters(
      new HttpErrorFilter(pino(sink), {
        known: [
          {
            matches: (e) => (e as { code?: unknown }).code === 'BUSY',
            status: 503,
            error: 'Service Unavailable',
            message: 'busy; retry',
            retryAfterSeconds: 1,
          },
        ],
      }),
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => app?.close());

  const get = async (path: string): Promise<{ status: number; body: unknown; retryAfter: string | null }> => {
    const r = await fetch(`${base}${path}`);
    return { status: r.status, body: await r.json(), retryAfter: r.headers.get('retry-after') };
  };

  it('answers live and ready without a token while both dependencies answer', async () => {
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' }, retryAfter: null });
    expect(await get('/health/ready')).toEqual({
      status: 200,
      body: { status: 'ok', checks: { postgres: 'ok', nats: 'ok' } },
      retryAfter: null,
    });
  });

  it('answers ready with 503 naming the dependency that is down', async () => {
    answer = { ready: false, checks: { postgres: 'ok', nats: 'down' } };
    expect(await get('/health/ready')).toEqual({
      status: 503,
      body: { statusCode: 503, status: 'unavailable', checks: { postgres: 'ok', nats: 'down' } },
      retryAfter: null,
    });
  });

  it('answers a known failure with its status and Retry-After, and an unknown error with a bare 500 that is logged', async () => {
    expect(await get('/boom/busy')).toEqual({
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable', message: 'busy; retry' },
      retryAfter: '1',
    });
    expect(await get('/boom/bug')).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error' },
      retryAfter: null,
    });
    expect(logged).toEqual([
      expect.objectContaining({
        msg: 'request failed',
        err: { type: 'Error', errCode: 'EPIPE', frames: expect.any(Array) },
      }),
    ]);
    expect(JSON.stringify(logged)).not.toContain('abc123');
  });

  it('leaves the JWT guard in force for routes that are not public', async () => {
    expect((await get('/guarded')).status).toBe(401);
  });
});
