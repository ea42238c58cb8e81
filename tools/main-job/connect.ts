// Connects the demo firm's Clio account the way a browser would: authorize -> Clio consent (auto-approved by the
// simulator) -> callback. Only the auth service ever sees the tokens.
export interface ConnectResult {
  connectionId: string;
  clioUserId: string;
  region: string;
}

const location = (res: Response, step: string): string => {
  const loc = res.headers.get('location');
  if (res.status < 300 || res.status >= 400 || !loc)
    throw new Error(`${step}: expected a redirect, got HTTP ${res.status}`);
  return loc;
};

export const connectClio = async (authUrl: string, jwt: string, region: string): Promise<ConnectResult> => {
  const start = await fetch(`${authUrl}/connections/clio/authorize?region=${region}`, {
    headers: { authorization: `Bearer ${jwt}` },
    redirect: 'manual',
  });
  const consentUrl = location(start, 'authorize');
  const consent = await fetch(consentUrl, { redirect: 'manual' });
  const callbackUrl = location(consent, 'Clio consent');
  const callback = await fetch(callbackUrl, { headers: { accept: 'application/json' }, redirect: 'manual' });
  const body = (await callback.json()) as {
    status?: string;
    connectionId?: string;
    clioUserId?: string;
    region?: string;
    message?: string;
  };
  if (callback.status !== 200 || body.status !== 'connected') {
    throw new Error(`callback: HTTP ${callback.status} ${body.message ?? ''}`.trim());
  }
  return {
    connectionId: body.connectionId ?? '',
    clioUserId: String(body.clioUserId ?? ''),
    region: body.region ?? region,
  };
};
