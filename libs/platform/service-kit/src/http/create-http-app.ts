import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { ConditionalGetInterceptor } from './conditional-get.interceptor';
import { HardenedBodyInterceptor } from './hardened-body.interceptor';
import { mountMetrics } from '../metrics/mount-metrics';

/**
 * The one way a service creates its Nest HTTP app: Express without its body parsers (no urlencoded or text bodies,
 * no implicit 100 KB limit), and {@link HardenedBodyInterceptor} reading JSON bodies under each route's declared
 * limit, {@link ConditionalGetInterceptor} (ETag and 304 on every JSON GET) and `GET /metrics` (public, Prometheus
 * text). The service then adds its access log, pipes, error filter and docs.
 */
export const createHttpApp = async (module: DynamicModule): Promise<INestApplication> => {
  const app = await NestFactory.create(module, new ExpressAdapter(), { logger: false, bodyParser: false });
  app.useGlobalInterceptors(new HardenedBodyInterceptor(app.get(Reflector)), new ConditionalGetInterceptor());
  mountMetrics(app);
  return app;
};
