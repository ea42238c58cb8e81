import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Inject, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { DEFAULT_CLAIMS } from './auth-config';
import { requireFound, scopedToFirm } from './firm-scope';
import { HttpAuthModule } from './http-auth.module';
import type { Principal as PrincipalValue } from './principal';
import { FirmId, Principal } from './principal.decorator';
import { Public } from './public.decorator';
import { QueryTokenAllowed } from './query-token.decorator';
import { signJwt } from './sign-jwt';

const SECRET = 'e2e-shared-secret-of-at-least-32-bytes';
const DB = Symbol('db');
const INVALID = 'Bearer error="invalid_token"';

type E2eTables = {
  e2e_matters: { firm_id: string; matter_id: string; name: string };
};

@Controller()
class ProbeController {
  constructor(@Inject(DB) private readonly db: Kysely<E2eTables>) {}

  @Get('whoami')
  whoami(@Principal() p: PrincipalValue): PrincipalValue {
    return p;
  }

  /** The convention under test: firm from the token, scoped in the query, 404 when the firm has no such row. */
  @Get('matters/:id')
  async matter(@FirmId() firmId: string, @Param('id') id: string): Promise<{ matterId: string; name: string }> {
    const row = await this.db
      .selectFrom('e2e_matters')
      .select(['matter_id', 'name'])
      .where('matter_id', '=', id)
      .$call((q) => scopedToFirm(q, firmId))
      .executeTakeFirst();
    const m = requireFound(row, 'matter');
    return { matterId: m.matter_id, name: m.name };
  }

  /** A route a browser opens without headers (an EventSource): the token may come as `?access_token=`. */
  @QueryTokenAllowed()
  @Get('stream')
  stream(@FirmId() firmId: string): { firmId: string } {
    return { firmId };
  }

  @Public()
  @Get('health')
  health(): { ok: true } {
    return { ok: true };
  }
}

@Public()
@Controller('oauth')
class OpenController {
  @Get('callback')
  callback(): { open: true } {
    return { open: true };
  }
}

describe('HttpAuthModule in a NestJS app (e2e)', () => {
  let t: TestDatabase;
  let app: INestApplication;
  let base: string;
  const nowS = () => Math.floor(Date.now() / 1000);
  const token = (claims: Record<string, unknown> = {}) =>
    signJwt({ sub: 'user-1', firm_id: 'firm-a', exp: nowS() + 300, ...claims }, { alg: 'HS256', secret: SECRET });
  const get = async (path: string, authorization?: string) => {
    const res = await fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} });
    return { status: res.status, body: (await res.json()) as unknown, challenge: res.headers.get('www-authenticate') };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.db.withTables<E2eTables>();
    await sql`create table e2e_matters (firm_id text not null, matter_id text not null, name text not null, primary key (firm_id, matter_id))`.execute(
      db,
    );
    await db
      .insertInto('e2e_matters')
      .values([
        { firm_id: 'firm-a', matter_id: 'm-1', name: 'A v. B' },
        { firm_id: 'firm-b', matter_id: 'm-2', name: 'secret matter of firm B' },
      ])
      .execute();

    @Module({
      imports: [
        HttpAuthModule.forRoot({
          alg: 'HS256',
          secret: Buffer.from(SECRET),
          leewaySeconds: 30,
          claims: { ...DEFAULT_CLAIMS },
        }),
      ],
      controllers: [ProbeController, OpenController],
      providers: [{ provide: DB, useValue: db }],
    })
    class AppModule {}

    app = await NestFactory.create(AppModule, new ExpressAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('requires a token on every route by default, with a clear 401 body and a Bearer challenge', async () => {
    expect(await get('/whoami')).toEqual({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: 'missing bearer token' },
      challenge: 'Bearer',
    });
    expect((await get('/matters/m-1')).status).toBe(401);
  });

  it.each([
    ['a Basic header', 'Basic dXNlcjpwYXNz', 'missing bearer token', 'Bearer'],
    [
      'an expired token',
      `Bearer ${signJwt({ sub: 'u', firm_id: 'f', exp: 1_000 }, { alg: 'HS256', secret: SECRET })}`,
      'token expired',
      INVALID,
    ],
    ['a malformed token', 'Bearer not-a-jwt', 'malformed token', INVALID],
    [
      'a token signed with another secret',
      `Bearer ${signJwt({ sub: 'u', firm_id: 'f', exp: 9e9 }, { alg: 'HS256', secret: 'x'.repeat(40) })}`,
      'invalid signature',
      INVALID,
    ],
    [
      'a token without firm_id',
      `Bearer ${signJwt({ sub: 'u', exp: 9e9 }, { alg: 'HS256', secret: SECRET })}`,
      'token is missing required claims',
      INVALID,
    ],
  ])('answers 401 for %s', async (_name, authorization, message, challenge) => {
    const r = await get('/whoami', authorization);
    expect(r).toEqual({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message }, challenge });
  });

  it('passes a valid token and exposes the principal to the handler', async () => {
    const r = await get('/whoami', `Bearer ${token()}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ firmId: 'firm-a', userId: 'user-1' });
  });

  it('lets @Public() routes and controllers through without a token', async () => {
    expect(await get('/health')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await get('/oauth/callback')).toMatchObject({ status: 200, body: { open: true } });
  });

  it("scopes queries to the token's firm: another firm's matter is a 404 indistinguishable from a missing one", async () => {
    expect(await get('/matters/m-1', `Bearer ${token()}`)).toMatchObject({
      status: 200,
      body: { matterId: 'm-1', name: 'A v. B' },
    });
    const foreign = await get('/matters/m-2', `Bearer ${token()}`);
    const missing = await get('/matters/m-404', `Bearer ${token()}`);
    expect(foreign).toMatchObject({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'matter not found' },
    });
    expect(foreign.body).toEqual(missing.body);
    expect(await get('/matters/m-2', `Bearer ${token({ firm_id: 'firm-b' })}`)).toMatchObject({
      status: 200,
      body: { matterId: 'm-2' },
    });
  });

  it('takes a short-lived token from ?access_token= only on routes that allow it, and only when it expires soon', async () => {
    expect(await get(`/stream?access_token=${token({ exp: nowS() + 120 })}`)).toMatchObject({
      status: 200,
      body: { firmId: 'firm-a' },
    });
    // Elsewhere the query is not read: no token.
    expect(await get(`/whoami?access_token=${token({ exp: nowS() + 120 })}`)).toMatchObject({
      status: 401,
      body: { message: 'missing bearer token' },
    });
    expect(await get(`/stream?access_token=${token({ exp: nowS() + 3600 })}`)).toMatchObject({
      status: 401,
      body: { message: 'a token in the query must expire within 300 s' },
      challenge: INVALID,
    });
    expect(await get('/stream?access_token=not-a-jwt')).toMatchObject({
      status: 401,
      body: { message: 'malformed token' },
    });
    // The header wins and has no lifetime limit.
    expect(await get('/stream', `Bearer ${token({ exp: nowS() + 3600, firm_id: 'firm-b' })}`)).toMatchObject({
      status: 200,
      body: { firmId: 'firm-b' },
    });
  });
});
