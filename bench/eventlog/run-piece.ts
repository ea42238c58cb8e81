// Runs one piece of the event-log benchmark in its own process and prints one JSON line:
// the piece's figures plus this process's peak RSS, so each process's memory is reported separately.
import { benchAppend } from './append';
import { benchRelay } from './relay';
import { benchProjection } from './projection';

const pieces = {
  append: (url: string) => benchAppend({ url }),
  relay: (url: string, natsUrl: string) => benchRelay({ url, natsUrl }),
  projection: (url: string) => benchProjection({ url }),
} as const;

const main = async (): Promise<void> => {
  const name = process.argv[2] as keyof typeof pieces;
  const piece = pieces[name];
  if (!piece) throw new Error(`unknown piece ${process.argv[2]}; one of ${Object.keys(pieces).join(', ')}`);
  const url = process.env['BENCH_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const figures = await piece(url, natsUrl);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ piece: name, peak_rss_mb: peakRssMb, ...figures })}\n`);
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
