import { Buffer } from 'node:buffer';

/** Claim names carrying the tenant and the user. */
export interface ClaimNames {
  /** Default `firm_id`. */
  firmId: string;
  /** Default `sub`. */
  userId: string;
}

interface CommonConfig {
  /** Required `iss`, when set. */
  issuer?: string;
  /** Required to be in `aud` (string or array), when set. */
  audience?: string;
  /** Clock tolerance for `exp` and `nbf`, in seconds. Default 30. */
  leewaySeconds: number;
  claims: ClaimNames;
}

export type JwtAuthConfig =
  | (CommonConfig & { alg: 'HS256'; /** Shared secret, at least 32 bytes. */ secret: Buffer })
  | (CommonConfig & {
      alg: 'RS256';
      jwksUrl: string;
      /** How long a fetched JWKS is trusted before it is fetched again, in ms. Default 600 000. */
      jwksCacheMs: number;
    });

/** Env var names, verbatim. */
export const AuthEnv = {
  Alg: 'AUTH_JWT_ALG',
  Secret: 'AUTH_JWT_SECRET',
  JwksUrl: 'AUTH_JWKS_URL',
  Issuer: 'AUTH_JWT_ISSUER',
  Audience: 'AUTH_JWT_AUDIENCE',
  LeewaySeconds: 'AUTH_JWT_LEEWAY_SECONDS',
  JwksCacheSeconds: 'AUTH_JWKS_CACHE_SECONDS',
} as const;

export const DEFAULT_CLAIMS: Readonly<ClaimNames> = { firmId: 'firm_id', userId: 'sub' };
const MIN_SECRET_BYTES = 32;

const nonNegative = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number of seconds`);
  return n;
};

/** Reads the gateway-JWT settings; throws at startup with the variable's name (never its value) when one is wrong. */
export const jwtAuthConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): JwtAuthConfig => {
  const common: CommonConfig = {
    leewaySeconds: nonNegative(env, AuthEnv.LeewaySeconds, 30),
    claims: { ...DEFAULT_CLAIMS },
    ...(env[AuthEnv.Issuer] ? { issuer: env[AuthEnv.Issuer] } : {}),
    ...(env[AuthEnv.Audience] ? { audience: env[AuthEnv.Audience] } : {}),
  };
  const alg = env[AuthEnv.Alg] ?? 'HS256';
  if (alg === 'HS256') {
    const secret = Buffer.from(env[AuthEnv.Secret] ?? '', 'utf8');
    if (secret.length < MIN_SECRET_BYTES)
      throw new Error(`${AuthEnv.Secret} must be set to at least ${MIN_SECRET_BYTES} bytes for HS256`);
    return { ...common, alg, secret };
  }
  if (alg === 'RS256') {
    const jwksUrl = env[AuthEnv.JwksUrl];
    if (!jwksUrl || !/^https?:\/\//.test(jwksUrl))
      throw new Error(`${AuthEnv.JwksUrl} must be an http(s) URL for RS256`);
    return { ...common, alg, jwksUrl, jwksCacheMs: nonNegative(env, AuthEnv.JwksCacheSeconds, 600) * 1000 };
  }
  throw new Error(`${AuthEnv.Alg} must be HS256 or RS256`);
};
