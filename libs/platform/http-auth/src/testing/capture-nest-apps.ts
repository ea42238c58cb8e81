import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

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
