import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import {
  Controller,
  ForbiddenException,
  Get,
  Module,
  NotFoundException,
  Param,
  Post,
  UnauthorizedException,
  type INestApplication,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { DEFAULT_CLAIMS } from '../auth-config';
import { NotFoundForFirm } from '../firm-scope';
import { HttpAuthModule } from '../http-auth.module';
import { FirmId } from '../principal.decorator';
import { Public } from '../public.decorator';
import { signJwt } from '../sign-jwt';
import { captureNestApps } from './capture-nest-apps';
import { checkFirmScoping } from './firm-scope-check';
import { listHttpRoutes, type HttpRoute } from './http-routes';
import { checkRouteAuth } from './route-auth-check';

const SECRET = 'route-checks-e2e-secret-of-at-least-32-bytes';
const startsWith = (prefix: string): unknown =>
  expect.stringMatching(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
const OWNER: Record<string, string> = { 'a-1': 'firm-a', 'b-1': 'firm-b' };

/** A good citizen: firm from the token, another firm's id is the same 404 as a missing one. */
@Controller('things')
class ThingsController {
  @Get(':id')
  thing(@FirmId() firm: string, @Param('id') id: string): { id: string } {
    if (OWNER[id] !== firm) throw new NotFoundForFirm('thing');
    return { id };
  }

  @Post(':id/touch')
  touch(@FirmId() firm: string, @Param('id') id: string): { id: string } {
    return this.thing(firm, id);
  }
}

/** The mistakes the checks exist to catch. */
@Controller()
class MistakesController {
  /** Tells another firm's id apart from a missing one. */
  @Get('leaky/:id')
  leaky(@FirmId() firm: string, @Param('id') id: string): { id: string } {
    if (OWNER[id] === undefined) throw new NotFoundForFirm('thing');
    if (OWNER[id] !== firm) throw new ForbiddenException('not yours');
    return { id };
  }

  /** A 404, but a different one: still tells the caller the id is real. */
  @Get('chatty/:id')
  chatty(@FirmId() firm: string, @Param('id') id: string): { id: string } {
    if (OWNER[id] === undefined) throw new NotFoundForFirm('thing');
    if (OWNER[id] !== firm) throw new NotFoundException('thing belongs to another firm');
    return { id };
  }

  /** Public by accident. */
  @Public()
  @Get('forgot')
  forgot(): { open: true } {
    return { open: true };
  }

  /** Does its own "auth" and answers every token alike. */
  @Public()
  @Get('homemade')
  homemade(): never {
    throw new UnauthorizedException('go away');
  }

  /** A new route nobody told the firm-scope test about. */
  @Get('widgets/:widgetId')
  widget(@Param('widgetId') id: string): { id: string } {
    return { id };
  }
}

@Public()
@Controller('health')
class HealthController {
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({
  imports: [
    HttpAuthModule.forRoot({
      alg: 'HS256',
      secret: Buffer.from(SECRET),
      leewaySeconds: 30,
      claims: { ...DEFAULT_CLAIMS },
    }),
  ],
  controllers: [ThingsController, MistakesController, HealthController],
})
class ProbeModule {}

describe('route checks against a NestJS app with deliberate mistakes (e2e)', () => {
  let app: INestApplication;
  let base: string;
  let routes: HttpRoute[];

  beforeAll(async () => {
    const capture = captureNestApps();
    try {
      const created = await NestFactory.create(ProbeModule, new ExpressAdapter(), { logger: false });
      created.use('/docs', (_req: unknown, res: { json(v: unknown): void }) => res.json({ docs: true }));
      await created.listen(0, '127.0.0.1');
      [app] = (await capture.apps()) as [INestApplication];
      expect(app).toBe(created);
    } finally {
      capture.stop();
    }
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    routes = listHttpRoutes(app);
  });
  afterAll(async () => app?.close());

  it('lists every route the HTTP server serves, mounted middleware included', () => {
    expect(routes).toEqual([
      { method: 'GET', path: '/chatty/:id' },
      { method: 'USE', path: '/docs' },
      { method: 'GET', path: '/forgot' },
      { method: 'GET', path: '/health/live' },
      { method: 'GET', path: '/homemade' },
      { method: 'GET', path: '/leaky/:id' },
      { method: 'GET', path: '/things/:id' },
      { method: 'POST', path: '/things/:id/touch' },
      { method: 'GET', path: '/widgets/:widgetId' },
    ]);
  });

  it('reports public routes missing from the allow-list, stale and unsanctioned entries, and wrong 401 answers', async () => {
    const report = await checkRouteAuth({
      baseUrl: base,
      routes,
      key: { alg: 'HS256', secret: SECRET },
      publicRoutes: ['GET /health/live', 'GET /health/ready', 'GET /things/:id'],
    });
    expect(report.open).toEqual(['GET /forgot', 'GET /health/live', 'USE /docs']);
    expect(report.problems).toEqual([
      'allow-list entry "GET /things/:id" is not a kind of route that may be public (health, metrics, docs, OAuth callbacks)',
      startsWith('USE /docs answers without a token (200 {"docs":true}) but is not on the allow-list'),
      startsWith('GET /forgot answers without a token (200 {"open":true}) but is not on the allow-list'),
      startsWith('GET /homemade answered no token with 401 {"message":"go away"'),
      startsWith('GET /homemade answered an expired token with 401 {"message":"go away"'),
      startsWith('GET /homemade answered a malformed token with 401 {"message":"go away"'),
      startsWith('GET /homemade answered a token signed with another key with 401 {"message":"go away"'),
      startsWith('GET /things/:id is on the allow-list but requires a token (401 {"message":"missing bearer token"'),
      'allow-list entry "GET /health/ready" matches no route of the app',
    ]);
  });

  it('passes an app whose allow-list is exactly what is public', async () => {
    const good = routes.filter((r) =>
      ['/health/live', '/things/:id', '/things/:id/touch', '/leaky/:id', '/widgets/:widgetId'].includes(r.path),
    );
    // Protected routes answer the same whatever they do with the id: the guard refuses before the handler runs.
    const report = await checkRouteAuth({
      baseUrl: base,
      routes: good,
      key: { alg: 'HS256', secret: SECRET },
      publicRoutes: ['GET /health/live'],
    });
    expect(report).toEqual({
      routes: [
        'GET /health/live',
        'GET /leaky/:id',
        'GET /things/:id',
        'POST /things/:id/touch',
        'GET /widgets/:widgetId',
      ],
      open: ['GET /health/live'],
      problems: [],
    });
  });

  it("reports a route that tells another firm's id from a missing one, and a route with an id nobody checks", async () => {
    const token = signJwt(
      { sub: 'u', firm_id: 'firm-a', exp: Math.floor(Date.now() / 1000) + 300 },
      { alg: 'HS256', secret: SECRET },
    );
    const report = await checkFirmScoping({
      baseUrl: base,
      routes,
      authorization: `Bearer ${token}`,
      casesFor: (r) => (r.path.includes('/:id') ? { foreign: { id: 'b-1' }, missing: { id: 'nope' } } : undefined),
    });
    expect(report.checked).toEqual([
      'GET /chatty/:id',
      'GET /leaky/:id',
      'GET /things/:id',
      'POST /things/:id/touch',
      'GET /widgets/:widgetId',
    ]);
    expect(report.problems).toEqual([
      'GET /chatty/:id: another firm\'s id (404 {"message":"thing belongs to another firm","error":"Not Found","statusCode":404}) is distinguishable from a missing one (404 {"message":"thing not found","error":"Not Found","statusCode":404})',
      'GET /leaky/:id answered another firm\'s id with 403 {"message":"not yours","error":"Forbidden","statusCode":403}; expected 404',
      'GET /widgets/:widgetId takes widgetId but the test names no firm-scope case for it',
    ]);
  });
});
