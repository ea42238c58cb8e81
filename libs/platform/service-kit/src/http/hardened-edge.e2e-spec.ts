import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  Param,
  Post,
  ValidationPipe,
  type INestApplication,
} from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import pino from 'pino';
import { BodyLimit, BodyLimits } from './body-limit';
import { createHttpApp } from './create-http-app';
import { HttpErrorFilter } from './http-error.filter';

class ReasonBody {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

@Controller('jobs')
class JobsController {
  @Post(':id/stop')
  @HttpCode(200)
  @BodyLimit(BodyLimits.command)
  stop(@Param('id') id: string, @Body() b: ReasonBody): { id: string; reason: string | null } {
    return { id, reason: b.reason ?? null };
  }

  @Post(':id/poke')
  @HttpCode(200)
  poke(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}

@Module({ controllers: [JobsController] })
class EdgeModule {}

interface Answer {
  status: number;
  body: { message?: unknown; statusCode?: number };
  text: string;
}

/** Raw HTTP (fetch would normalise headers and refuse some bodies this test must send). */
const send = (
  base: string,
  path: string,
  o: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      {
        method: o.method ?? 'POST',
        // An explicit length: Node's client sends a GET body without one, which the server would read as a new request.
        headers: {
          ...(o.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(o.body)) }),
          ...o.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: (text === '' ? {} : JSON.parse(text)) as Answer['body'], text });
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e),
    );
    req.end(o.body);
  });

const json = (body: string | Buffer, extra: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...extra },
  body,
});

describe('hardened HTTP edge (createHttpApp, real Nest app over HTTP)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createHttpApp({ module: EdgeModule });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
    app.useGlobalFilters(new HttpErrorFilter(pino({ level: 'silent' })));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('accepts a well-formed body and a body-less request', async () => {
    expect(await send(base, '/jobs/j-1/stop', json('{"reason":"lunch"}'))).toMatchObject({
      status: 200,
      body: { id: 'j-1', reason: 'lunch' },
    });
    expect(await send(base, '/jobs/j-1/stop')).toMatchObject({ status: 200, body: { reason: null } });
    expect(await send(base, '/jobs/j-1/poke')).toMatchObject({ status: 200 });
  });

  it.each([
    [
      'a 10 MB body',
      '/jobs/j/stop',
      json(`{"reason":"${'x'.repeat(10 * 1024 * 1024)}"}`),
      413,
      'body: larger than 4096 bytes',
    ],
    [
      'JSON nested 10,000 deep',
      '/jobs/j/stop',
      json(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
      413,
      'body: larger than 4096 bytes',
    ],
    [
      'JSON nested 100 deep',
      '/jobs/j/stop',
      json(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`),
      400,
      'body: nested deeper than 32 levels',
    ],
    ['invalid JSON', '/jobs/j/stop', json('{"reason": SECRET-INPUT'), 400, 'body: not valid JSON'],
    ['a JSON array', '/jobs/j/stop', json('["x"]'), 400, 'body: must be a JSON object'],
    ['bytes that are not UTF-8', '/jobs/j/stop', json(Buffer.from([0x7b, 0xff, 0x7d])), 400, 'body: not valid UTF-8'],
    [
      'a body on a route that takes none',
      '/jobs/j/poke',
      json('{"reason":"x"}'),
      400,
      'body: this route takes no body',
    ],
    ['a body on a GET', '/jobs/j', { method: 'GET', ...json('{"a":1}') }, 400, 'body: this route takes no body'],
    [
      'a text/plain body',
      '/jobs/j/stop',
      { headers: { 'content-type': 'text/plain' }, body: 'reason=x' },
      415,
      'Content-Type: must be application/json',
    ],
    [
      'a form body',
      '/jobs/j/stop',
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'reason=x' },
      415,
      'Content-Type: must be application/json',
    ],
    ['no Content-Type', '/jobs/j/stop', { body: '{"reason":"x"}' }, 415, 'Content-Type: must be application/json'],
    [
      'a gzip Content-Encoding',
      '/jobs/j/stop',
      json('{"reason":"x"}', { 'content-encoding': 'gzip' }),
      415,
      'Content-Encoding: only identity is accepted',
    ],
    [
      'a NUL in a string field',
      '/jobs/j/stop',
      json('{"reason":"a\\u0000b"}'),
      400,
      'body.reason: must not contain NUL or an unpaired surrogate',
    ],
    [
      'a lone surrogate in a string field',
      '/jobs/j/stop',
      json('{"reason":"a\\ud800b"}'),
      400,
      'body.reason: must not contain NUL or an unpaired surrogate',
    ],
    [
      'a __proto__ key',
      '/jobs/j/stop',
      json('{"__proto__":{"admin":true}}'),
      400,
      'property body.__proto__ should not exist',
    ],
    [
      'a constructor key',
      '/jobs/j/stop',
      json('{"constructor":{"prototype":{}}}'),
      400,
      'property body.constructor should not exist',
    ],
    ['an unknown field', '/jobs/j/stop', json('{"reasonx":"x"}'), 400, ['property reasonx should not exist']],
    [
      'a field named like content',
      '/jobs/j/stop',
      json('{"SECRET-INPUT here":"x"}'),
      400,
      'property body.<field> should not exist',
    ],
    ['a NUL in a path parameter', '/jobs/j%00x/stop', {}, 400, 'id: must not contain NUL or an unpaired surrogate'],
    [
      'a NUL in a query parameter',
      '/jobs/j?x=%00',
      { method: 'GET' },
      400,
      'query.x: must not contain NUL or an unpaired surrogate',
    ],
  ])('refuses %s', async (_what, path, init, status, message) => {
    const a = await send(base, path, init);
    expect([a.status, a.body.message]).toEqual([status, message]);
    expect(a.text).not.toContain('SECRET-INPUT');
  });

  it('announces a larger Content-Length than the limit: 413 before reading', async () => {
    const a = await send(base, '/jobs/j/stop', json('{}', { 'content-length': String(10 * 1024 * 1024) }));
    expect(a.status).toBe(413);
  });
});
