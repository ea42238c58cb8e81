export { HttpAuthModule } from './http-auth.module';
export { JwtAuthGuard, JWT_VERIFIER, QUERY_TOKEN_TOO_LONG, bearerToken } from './jwt-auth.guard';
export { Public, IS_PUBLIC_KEY } from './public.decorator';
export {
  QueryTokenAllowed,
  QUERY_TOKEN_KEY,
  QUERY_TOKEN_MAX_SECONDS,
  QUERY_TOKEN_PARAM,
} from './query-token.decorator';
export { Principal, FirmId } from './principal.decorator';
export { principalOf } from './principal';
export type { Principal as AuthPrincipal } from './principal';
export { createJwtVerifier } from './jwt-verifier';
export type { JwtVerifier, VerifyResult } from './jwt-verifier';
export { JwksKeySource } from './jwks-key-source';
export type { JwksKeySourceOptions } from './jwks-key-source';
export type { KeySource, KeyLookup } from './key-source';
export { jwtAuthConfigFromEnv, AuthEnv, DEFAULT_CLAIMS } from './auth-config';
export type { JwtAuthConfig, ClaimNames } from './auth-config';
export { AuthFailure, AUTH_FAILURE_MESSAGE } from './auth-failure';
export { scopedToFirm, NotFoundForFirm, requireFound } from './firm-scope';
export { MAX_TOKEN_LENGTH } from './jwt-verifier';
export { signJwt } from './sign-jwt';
