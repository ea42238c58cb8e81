// Test-only entry: the writer alone in a process of its own, for kill tests. The parent (which runs the simulator)
// hands it one simulator access token; there is no NATS token RPC here.
import pino from 'pino';
import { createDb } from '@sf/db';
import { createInMemoryTokenProvider } from '@sf/clio-client';
import type { FetcherDb } from '../schema/fetcher-schema';
import { startWriter } from '../writer/writer';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const db = createDb<FetcherDb>({ url: env('DATABASE_URL'), max: 12, applicationName: 'writer-child' });
const tokens = createInMemoryTokenProvider(() => ({
  ok: true,
  accessToken: env('WRITER_CHILD_TOKEN'),
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  region: 'us',
  apiBaseUrl: env('WRITER_CHILD_API_BASE'),
  connectionId: 'kill-test',
}));
const writer = startWriter({ db, tokens, log: pino({ level: 'silent' }), slots: 8, pollMs: 20 });
process.stdout.write('writer started\n');
process.on('SIGTERM', () => {
  void writer
    .stop()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});
