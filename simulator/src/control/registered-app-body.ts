import type { RegisteredApp } from '../oauth/registered-app';
import { num, str } from './control-http';

export type RegisteredAppBody = { ok: true; app: RegisteredApp } | { ok: false; message: string };

const OPTIONAL_TEXT = ['name', 'deauthorizationCallbackUrl', 'region'] as const;

/** The app in a `POST /_control/oauth/apps` body; only the fields of {@link RegisteredApp} are kept. */
export const parseRegisteredApp = (body: Readonly<Record<string, unknown>>): RegisteredAppBody => {
  const clientId = str(body.clientId);
  const clientSecret = str(body.clientSecret);
  const redirectUris = body.redirectUris;
  if (!clientId || !clientSecret || !Array.isArray(redirectUris)) {
    return { ok: false, message: 'clientId, clientSecret and redirectUris are required' };
  }
  const uris = redirectUris.map(str);
  if (!uris.every((u) => u !== undefined)) return { ok: false, message: 'redirectUris must be non-empty strings' };
  const badText = OPTIONAL_TEXT.find((k) => body[k] !== undefined && str(body[k]) === undefined);
  if (badText) return { ok: false, message: `${badText} must be a non-empty string` };
  const requestsPerSecond = num(body.requestsPerSecond);
  if (body.requestsPerSecond !== undefined && !(requestsPerSecond !== undefined && requestsPerSecond > 0)) {
    return { ok: false, message: 'requestsPerSecond must be a positive number' };
  }
  return {
    ok: true,
    app: {
      clientId,
      clientSecret,
      name: str(body.name) ?? clientId,
      redirectUris: uris,
      deauthorizationCallbackUrl: str(body.deauthorizationCallbackUrl),
      region: str(body.region),
      requestsPerSecond,
    },
  };
};
