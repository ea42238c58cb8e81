import { Client } from 'pg';

const VERIFY_TIMEOUT_MS = 5_000;

/**
 * A Postgres session-level advisory lock held on its own connection. The lock lives exactly as long as that
 * connection: if the holder dies, Postgres ends the session and releases the lock, and a waiting replica's next
 * `tryAcquire` wins. Losing the connection while alive marks the lock lost, and the holder must stop.
 */
export class SessionLock {
  private client: Client | undefined;
  private held = false;

  constructor(
    private readonly url: string,
    /** Lock name; hashed to the bigint key with hashtextextended. */
    private readonly name: string,
    private readonly applicationName: string,
  ) {}

  /** True while this process holds the lock on a live connection. */
  get isHeld(): boolean {
    return this.held;
  }

  /** Takes the lock if it is free; never waits. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const client = await this.connect();
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as ok', [
      this.name,
    ]);
    this.held = rows[0]?.ok === true;
    return this.held;
  }

  /** Round trip on the lock connection: a dead connection (and so a released lock) is noticed here. */
  async verify(): Promise<boolean> {
    if (!this.held || !this.client) return false;
    try {
      await this.client.query('select 1');
    } catch {
      if (this.client) this.markLost();
    }
    return this.held;
  }

  /** Releases the lock by ending the session (also fine after the connection has died). */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    // query_timeout bounds verify() on a connection that died silently (no FIN): the lock counts as lost then.
    const client = new Client({
      connectionString: this.url,
      application_name: this.applicationName,
      keepAlive: true,
      query_timeout: VERIFY_TIMEOUT_MS,
    });
    // Events of an old, already replaced connection must not mark the current one lost.
    client.on('error', () => this.client === client && this.markLost());
    client.on('end', () => this.client === client && this.markLost());
    await client.connect();
    this.client = client;
    return client;
  }

  private markLost(): void {
    this.held = false;
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => undefined);
  }
}
