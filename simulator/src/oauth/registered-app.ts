/** A developer application registered with one regional Clio instance (D-APP). */
export interface RegisteredApp {
  /** The app "key", sent as `client_id`. */
  clientId: string;
  /** The app secret, sent as `client_secret`. */
  clientSecret: string;
  /** Shown on the approval page. */
  name: string;
  /** `redirect_uri` must equal one of these exactly. */
  redirectUris: readonly string[];
  /** Optional: Clio POSTs `{client_id, user_id, access_token}` here when a token is revoked. */
  deauthorizationCallbackUrl?: string;
  /**
   * Region the app was registered in (`us`, `eu`, `ca`, `au`). An instance only knows apps of its own region, so
   * using an app on another region's instance fails with `invalid_client`. Default: the simulator's primary region.
   */
  region?: string;
  /** Optional application-wide limit in requests per second across all its tokens. Default: none. */
  requestsPerSecond?: number;
}

/** The app every instance registers unless told otherwise; its credentials are printed at startup. */
export const demoApp = (): RegisteredApp => ({
  clientId: 'sim-demo-client',
  clientSecret: 'sim-demo-secret',
  name: 'Simulator Demo App',
  redirectUris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
});

/** The apps one regional instance accepts. Lookup by client id; apps of other regions are invisible. */
export class AppRegistry {
  private readonly apps = new Map<string, RegisteredApp>();

  constructor(
    private readonly region: string,
    apps: readonly RegisteredApp[] = [],
  ) {
    for (const app of apps) this.register(app);
  }

  /** Registers (or replaces) an app. Returns false and ignores it when the app belongs to another region. */
  register(app: RegisteredApp): boolean {
    if (app.region !== undefined && app.region !== this.region) return false;
    this.apps.set(app.clientId, { ...app, redirectUris: [...app.redirectUris] });
    return true;
  }

  get(clientId: string): RegisteredApp | undefined {
    return this.apps.get(clientId);
  }

  list(): RegisteredApp[] {
    return [...this.apps.values()];
  }

  /** Client authentication: the app when id and secret both match, else undefined. */
  authenticate(clientId: string | undefined, clientSecret: string | undefined): RegisteredApp | undefined {
    if (!clientId || clientSecret === undefined) return undefined;
    const app = this.apps.get(clientId);
    return app && app.clientSecret === clientSecret ? app : undefined;
  }
}
