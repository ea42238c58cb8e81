import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { EventTypes, RpcSubjects } from '@sf/contracts';
import { migrateToLatest } from '@sf/db';
import { AUTH_SERVICE_MIGRATION_SETS, type AuthServiceDb } from './schema/auth-service-schema';
import { createLogger, httpAccessLog } from '@sf/logging';
import { startProcessMetrics } from '@sf/metrics';
import { defineTopology, provision, rebaseSubject } from '@sf/messaging';
import { connectServiceNats, createBudgetedDb, createHttpApp, HttpErrorFilter, mountApiDocs } from '@sf/service-kit';
import { TokenService, createClioTokenRefresher } from '@sf/token-vault';
import type { AuthDeps } from './auth-deps';
import type { AuthServiceConfig } from './auth-service-config';
import { AuthServiceModule } from './auth-service.module';
import { clioApiBaseUrl } from './clio/clio-endpoints';
import { ClioOAuthClient } from './clio/clio-oauth-client';
import { appendConnectionEvent } from './events/connection-events';
import { AUTH_KNOWN_FAILURES } from './http/known-failures';
import { validationFailure } from './http/validation-failure';
import { AUTH_API_INFO } from './api-info';
import { startMaintenance, type Maintenance } from './maintenance/maintenance-timer';
import { MIN_STATE_SECRET_BYTES } from './oauth-state/oauth-state';
import { startAccessTokenResponder, type AccessTokenResponder } from './token-rpc/access-token-responder';
import { Routes } from './wire-names';

export interface AuthService {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:3001`. */
  url: string;
  port: number;
  /** The token RPC subject this instance answers (namespace-rebased). */
  tokenSubject: string;
  /** Runs one proactive refresh and state purge now (what the timer does). */
  maintenance: Maintenance;
  /** Stops the timer, the RPC (answering requests in flight), HTTP, NATS and the pool, in that order. */
  close(): Promise<void>;
}

const checkConfig = (c: AuthServiceConfig): void => {
  if (c.stateSecret.length < MIN_STATE_SECRET_BYTES)
    throw new Error(`the state secret must be at least ${MIN_STATE_SECRET_BYTES} bytes`);
  for (const [name, url] of [
    ['callbackUrl', c.callbackUrl],
    ['successUrl', c.successUrl],
  ] as const) {
    if (url !== undefined && !/^https?:\/\//.test(url)) throw new Error(`${name} must be an http(s) URL`);
  }
};

/**
 * Starts the auth service: migrations, JetStream provisioning, the HTTP API (port 3001 by default), the
 * access-token RPC and the proactive refresh timer. Resolves once everything listens.
 */
export const startAuthService = async (config: AuthServiceConfig): Promise<AuthService> => {
  checkConfig(config);
  const log = config.logger ?? createLogger({ name: 'auth-service' });
  startProcessMetrics('auth-service');
  const clock = config.clock ?? (() => new Date());
  const lockTimeoutMs = config.lockTimeoutMs ?? 30_000;
  // Token requests (a refresh holds its connection's lock through Clio's token call), HTTP, the maintenance pass.
  const { db } = createBudgetedDb<AuthServiceDb>(log, {
    url: config.databaseUrl,
    applicationName: 'auth-service',
    parts: { tokens: 6, http: 2, maintenance: 2 },
    override: config.dbPoolMax,
  });
  const closers: Array<() => Promise<unknown>> = [() => db.destroy()];
  const closeAll = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    await migrateToLatest(db, AUTH_SERVICE_MIGRATION_SETS);
    const nc: NatsConnection = await connectServiceNats('auth-service', config, log);
    closers.push(() => nc.drain());
    const topology = defineTopology({ ...config.topology, consumers: [] });
    await provision(await jetstreamManager(nc), topology);

    const tokens = new TokenService({
      db,
      keyring: config.keyring,
      refresher: createClioTokenRefresher({ ...config.clio }),
      ...(config.refreshPolicy ? { policy: config.refreshPolicy } : {}),
      clock,
      lockTimeoutMs,
      log,
      onNeedsReauth: (trx, e) =>
        appendConnectionEvent(
          trx,
          EventTypes.ConnectionNeedsReauth,
          { connectionId: e.connectionId, reason: e.reason },
          {
            firmId: e.firmId,
            correlationId: randomUUID(),
            occurredAt: clock(),
          },
        ),
    });
    const deps: AuthDeps = {
      db,
      nc,
      tokens,
      clock,
      log,
      lockTimeoutMs,
      clio: new ClioOAuthClient(config.clio),
      app: config.clio,
      keyring: config.keyring,
      stateSecret: config.stateSecret,
      stateTtlMs: config.stateTtlMs ?? 600_000,
      // Filled in below once the port is known, before the server takes its first request.
      callbackUrl: config.callbackUrl ?? '',
      ...(config.successUrl ? { successUrl: config.successUrl } : {}),
    };
    const app: INestApplication = await createHttpApp(AuthServiceModule.forRoot(deps, config.jwt));
    app.use(httpAccessLog(log));
    // Same pipe as every service: any DTO-typed input rejects unknown or malformed fields with a 400 naming the field.
    app.useGlobalPipes(
      new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, exceptionFactory: validationFailure }),
    );
    app.useGlobalFilters(new HttpErrorFilter(log, { known: AUTH_KNOWN_FAILURES }));
    closers.push(() => app.close());
    mountApiDocs(app, AUTH_API_INFO);
    await app.listen(config.port, config.host);
    const port = (app.getHttpServer().address() as AddressInfo).port;
    deps.callbackUrl = config.callbackUrl ?? `http://127.0.0.1:${port}${Routes.callback}`;

    const tokenSubject = rebaseSubject(topology.namespace, RpcSubjects.accessToken);
    const responder: AccessTokenResponder = startAccessTokenResponder({
      nc,
      subject: tokenSubject,
      tokens,
      log,
      apiBaseUrl: (region) => clioApiBaseUrl(config.clio, region),
      clioRefuses: async (region, accessToken) => {
        const who = await deps.clio.whoAmI(region, accessToken);
        return !who.ok && who.kind === 'unauthorized';
      },
    });
    closers.push(() => responder.stop());
    const maintenance = startMaintenance({ db, tokens, log, intervalMs: config.refreshIntervalMs ?? 60_000 });
    closers.push(() => maintenance.stop());
    log.info({ port, namespace: topology.namespace, tokenSubject }, 'auth service started');
    return { url: `http://127.0.0.1:${port}`, port, tokenSubject, maintenance, close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
};
