import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { listHttpRoutes, type HttpRoute } from './http-routes';

export interface NestAppCapture {
  /** The apps created since the capture started, in order. */
  apps(): Promise<INestApplication[]>;
  /** Stops recording (NestFactory.create is itself again). */
  stop(): void;
}

/**
 * Records the Nest apps a service's own `start…()` creates, so a test can list the routes of the very app that
 * serves its requests. A Jest spy that calls through: the app is created exactly as in production. Jest only.
 */
export const captureNestApps = (): NestAppCapture => {
  const spy = jest.spyOn(NestFactory, 'create');
  return {
    apps: () => Promise.all(spy.mock.results.map((r) => r.value as Promise<INestApplication>)),
    stop: () => spy.mockRestore(),
  };
};

/** Runs a service's `start…()` and lists the routes of the one Nest app it created. Jest only. */
export const startCapturingRoutes = async <T>(
  start: () => Promise<T>,
): Promise<{ started: T; routes: HttpRoute[] }> => {
  const capture = captureNestApps();
  try {
    const started = await start();
    const apps = await capture.apps();
    expect(apps).toHaveLength(1);
    return { started, routes: listHttpRoutes(apps[0]!) };
  } finally {
    capture.stop();
  }
};
