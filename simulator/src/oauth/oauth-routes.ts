import { send, type RequestContext } from '../server/context';
import { bearerToken } from '../server/default-middleware';
import type { Router } from '../server/router';
import { Header } from '../wire';
import { approvalPage, approvalResultPage, errorPage } from './approval-page';
import { checkAuthorize, decideConsent, type AuthorizeParams } from './authorize';
import type { OAuthService } from './oauth-service';
import { OAuthErrorStatus, OAuthPath, oauthErrorBody, type OAuthErrorCode } from './oauth-wire';
import { basicCredentials, decideTokenRequest, type TokenRequest } from './token-endpoint';

const HTML = { [Header.ContentType]: 'text/html; charset=utf-8' };
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** `/oauth/*` on every regional server; each request is answered by its own region's apps and tokens. */
export const registerOAuthRoutes = (router: Router, oauth: OAuthService): void => {
  router.add('GET', OAuthPath.Authorize, (ctx) => authorize(ctx, oauth, paramsOf(ctx.query), undefined));
  router.add('POST', OAuthPath.Authorize, async (ctx) => {
    const form = await formOf(ctx);
    const decision = form.get('decision');
    authorize(
      ctx,
      oauth,
      paramsOf(form),
      decision === 'approve' || decision === 'decline' ? { decision, userId: Number(form.get('user_id')) } : undefined,
    );
  });
  router.add('POST', OAuthPath.Token, async (ctx) => {
    const form = await formOf(ctx);
    const req: TokenRequest = { ...Object.fromEntries(form), ...basicCredentials(ctx.headers[Header.Authorization]) };
    const r = oauth.region(ctx.region);
    const outcome = decideTokenRequest(
      req,
      { apps: r.apps, tokens: r.tokens, ttlSeconds: oauth.ttlSeconds },
      oauth.clockNow(),
    );
    if (!outcome.ok) return oauthError(ctx, outcome.error);
    send(ctx, 200, outcome.body, NO_STORE);
  });
  router.add('POST', OAuthPath.Deauthorize, async (ctx) => {
    const bearer = bearerToken(ctx.headers[Header.Authorization]);
    const caller = bearer ? oauth.region(ctx.region).tokens.authenticate(bearer, oauth.clockNow()) : undefined;
    if (!caller?.ok) return oauthError(ctx, 'invalid_token');
    const token = (await formOf(ctx)).get('token');
    if (!token) return oauthError(ctx, 'invalid_request');
    // Only the caller's own app may revoke; anything else is answered like success, revealing nothing.
    const target = oauth.region(ctx.region).tokens.authenticate(token, oauth.clockNow());
    if (target.ok && target.grant.clientId === caller.grant.clientId) oauth.deauthorize(ctx.region, token);
    send(ctx, 200);
  });
  router.add('GET', OAuthPath.Approval, (ctx) =>
    send(
      ctx,
      200,
      approvalResultPage({ code: ctx.query.get('code') ?? undefined, error: ctx.query.get('error') ?? undefined }),
      HTML,
    ),
  );
};

const authorize = (
  ctx: RequestContext,
  oauth: OAuthService,
  p: AuthorizeParams,
  answer: { decision: 'approve' | 'decline'; userId: number } | undefined,
): void => {
  const r = oauth.region(ctx.region);
  const check = checkAuthorize(p, r.apps, `${ctx.origin}${OAuthPath.Approval}`);
  if (check.kind === 'error_page') return send(ctx, check.status, errorPage(check.message), HTML);
  if (check.kind === 'redirect') return redirect(ctx, check.location);
  const auto = oauth.autoApprove;
  if (!answer && !auto.enabled) return send(ctx, 200, approvalPage(check.app, p, oauth.users()), HTML);
  const approved = answer ? answer.decision === 'approve' : true;
  const userId =
    answer && Number.isInteger(answer.userId) && answer.userId > 0
      ? answer.userId
      : (auto.userId ?? oauth.defaultUserId());
  const issue = () =>
    r.tokens.issueCode({ clientId: check.app.clientId, redirectUri: check.redirectUri, userId }, oauth.clockNow());
  const outcome = decideConsent(approved, { ...p, redirect_uri: check.redirectUri }, issue);
  if (outcome.kind === 'error_page') return send(ctx, outcome.status, errorPage(outcome.message), HTML);
  redirect(ctx, outcome.location);
};

const redirect = (ctx: RequestContext, location: string): void =>
  send(ctx, 302, undefined, { [Header.Location]: location });

const oauthError = (ctx: RequestContext, error: OAuthErrorCode): void =>
  send(ctx, OAuthErrorStatus[error], oauthErrorBody(error), NO_STORE);

const paramsOf = (q: URLSearchParams): AuthorizeParams => {
  const get = (k: string) => q.get(k) ?? undefined;
  return {
    response_type: get('response_type'),
    client_id: get('client_id'),
    redirect_uri: get('redirect_uri'),
    state: get('state'),
    redirect_on_decline: get('redirect_on_decline'),
  };
};

/** Form parameters (`application/x-www-form-urlencoded`, as Clio requires); a JSON object body is accepted too. */
const formOf = async (ctx: RequestContext): Promise<URLSearchParams> => {
  const text = await ctx.bodyText();
  const type = String(ctx.headers[Header.ContentType] ?? '');
  if (type.includes('application/json') && text.trim() !== '') {
    const parsed = (await ctx.json()) as Record<string, unknown> | undefined;
    return new URLSearchParams(Object.entries(parsed ?? {}).map(([k, v]): [string, string] => [k, String(v)]));
  }
  return new URLSearchParams(text);
};
