const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when `candidate` matches a registered redirect URI. Matching is exact, except that loopback `http` URIs ignore
 * the port (RFC 8252 §7.3), so a registered `http://127.0.0.1/callback` accepts a test receiver on any port. Clio's
 * own rule for ports is not documented.
 */
export const redirectUriMatches = (registered: readonly string[], candidate: string): boolean => {
  if (registered.includes(candidate)) return true;
  const c = parse(candidate);
  if (!c || c.protocol !== 'http:' || !LOOPBACK_HOSTS.has(c.hostname)) return false;
  return registered.some((r) => {
    const u = parse(r);
    return (
      !!u &&
      u.protocol === c.protocol &&
      u.hostname === c.hostname &&
      u.pathname === c.pathname &&
      u.search === c.search
    );
  });
};

const parse = (s: string): URL | undefined => {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
};

/** Appends query parameters to a redirect URI, keeping any it already has. Undefined values are skipped. */
export const withQuery = (uri: string, params: Record<string, string | undefined>): string => {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
};
