import { parseAccessChange } from '../access/access-input';
import { visibleTruth } from '../access/visible-truth';
import type { ControlRoute } from './control-http';
import { fail, objectBody, ok } from './control-http';
import type { EdgeDeps } from './simulator-edge';

/**
 * Permissions and paging behaviours: `GET/PUT/DELETE /access` (meta.records, page token expiry, per-user and per-app
 * 403s, Contacts Visibility), and `GET /ground-truth/visible?userId=&clientId=` (what that user may see).
 */
export const registerAccessRoutes = (add: ControlRoute, deps: EdgeDeps): void => {
  add('GET', '/access', (ctx) => ok(ctx, deps.access.current));
  add('PUT', '/access', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    const r = parseAccessChange(body);
    return r.ok ? ok(ctx, deps.access.configure(r.change)) : fail(ctx, 400, r.message);
  });
  add('DELETE', '/access', (ctx) => {
    deps.access.reset();
    ok(ctx, deps.access.current);
  });
  add('GET', '/ground-truth/visible', (ctx) => {
    const userId = Number(ctx.query.get('userId'));
    if (!Number.isSafeInteger(userId) || userId < 1) return fail(ctx, 400, 'userId must be a user id');
    ok(ctx, visibleTruth(deps.store, deps.access, userId, ctx.query.get('clientId') ?? undefined));
  });
};
