import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { jwtAuthConfigFromEnv, type JwtAuthConfig } from './auth-config';
import { JWT_VERIFIER, JwtAuthGuard } from './jwt-auth.guard';
import { createJwtVerifier } from './jwt-verifier';
import type { KeySource } from './key-source';
import { cachingVerifier, VERIFIED_TOKEN_CACHE_DEFAULTS } from './verified-token-cache';

/**
 * Import once in each service's root module: it registers {@link JwtAuthGuard} as a global guard, so every HTTP
 * route of the app requires a gateway JWT unless marked @Public().
 */
@Module({})
export class HttpAuthModule {
  static forRoot(config: JwtAuthConfig, keySource?: KeySource): DynamicModule {
    return {
      module: HttpAuthModule,
      global: true,
      providers: [
        {
          provide: JWT_VERIFIER,
          useValue: cachingVerifier(createJwtVerifier(config, keySource), {
            ...VERIFIED_TOKEN_CACHE_DEFAULTS,
            leewaySeconds: config.leewaySeconds,
          }),
        },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [JWT_VERIFIER],
    };
  }

  /** Reads AUTH_JWT_* / AUTH_JWKS_* (see auth-config.ts); a bad setting stops the process at startup. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return HttpAuthModule.forRoot(jwtAuthConfigFromEnv(env));
  }
}
