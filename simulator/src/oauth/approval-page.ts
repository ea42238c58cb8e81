import type { RegisteredApp } from './registered-app';
import type { AuthorizeParams } from './authorize';
import { OAuthPath } from './oauth-wire';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const page = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${body}</body></html>`;

export interface ApprovalUser {
  id: number;
  name: string;
}

/** The consent page: approve or decline posts the same parameters back to `/oauth/authorize`. */
export const approvalPage = (app: RegisteredApp, p: AuthorizeParams, users: readonly ApprovalUser[]): string => {
  const hidden = (Object.entries(p) as [string, string | undefined][])
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v ?? '')}">`)
    .join('');
  const userSelect = users.length
    ? `<label>Signed in as <select name="user_id">${users
        .map((u) => `<option value="${u.id}">${esc(u.name)}</option>`)
        .join('')}</select></label>`
    : '';
  return page(
    `Authorize ${app.name}`,
    `<h1>${esc(app.name)} wants to access your Clio account</h1>` +
      `<form method="post" action="${OAuthPath.Authorize}">${hidden}${userSelect}` +
      `<button type="submit" name="decision" value="approve">Allow Access</button>` +
      `<button type="submit" name="decision" value="decline">Decline</button></form>`,
  );
};

export const errorPage = (message: string): string => page('Clio error', `<h1>Error</h1><p>${esc(message)}</p>`);

/** `/oauth/approval`: desktop apps read the outcome from the title (SPEC22). */
export const approvalResultPage = (q: { code?: string; error?: string }): string =>
  q.code
    ? page(`Success code=${q.code}`, '<p>Authorization succeeded.</p>')
    : page(`Failure error=${q.error ?? 'unknown'}`, '<p>Authorization failed.</p>');
