import { parseArgs } from 'node:util';
import type { EntityCounts, Region, SimulatorOptions } from '@sf/clio-simulator';
import { ALL_REGIONS, demoApp, isFirmSize } from '@sf/clio-simulator';

export const USAGE = `Usage: npm run simulator -- [options]

  --size <small|medium|large|enterprise>  firm size preset (default small)
  --seed <n>                 data generator seed (default 1)
  --counts <k=v,...>         per-entity overrides, e.g. matters=50,documents=2000
  --port <n>                 port of the first region; region i uses port+i (default 4010)
  --host <addr>              listen address (default 127.0.0.1)
  --regions <us,eu,ca,au>    regions to serve, each on its own port (default us)
  --rate-limit <n|off>       requests per token per 60 s (default 50; off disables)
  --latency <ms>             add this much latency to every API request (default 0)
  --activity <ops/min>       start the activity generator at this rate (default off)
  --trash-days <n>           days before trashed documents/folders are purged (default 30)
  --control-key <key>        require X-Sim-Control-Key on the control API
  --redirect-uri <url>       also accept this OAuth redirect URI for the demo app (repeatable)
  --help`;

export type CliResult =
  { ok: true; options: SimulatorOptions; latencyMs: number; help: boolean } | { ok: false; message: string };

const COUNT_KEYS: readonly (keyof EntityCounts)[] = [
  'users',
  'contacts',
  'matters',
  'calendar_entries',
  'tasks',
  'documents',
  'activities',
  'custom_fields_per_parent',
  'folders_per_matter',
];

const nonNegativeInt = (name: string, raw: string): number | string => {
  if (!/^\d+$/.test(raw)) return `--${name} must be a non-negative integer`;
  return Number(raw);
};

/** Parse CLI arguments into simulator options; errors are values (the caller prints usage and exits 2). */
export const parseCliArgs = (argv: readonly string[]): CliResult => {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        size: { type: 'string' },
        seed: { type: 'string' },
        counts: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        regions: { type: 'string' },
        'rate-limit': { type: 'string' },
        latency: { type: 'string' },
        activity: { type: 'string' },
        'trash-days': { type: 'string' },
        'control-key': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const str = (k: string): string | undefined => values[k] as string | undefined;
  const options: SimulatorOptions = {};
  const size = str('size') ?? 'small';
  if (!isFirmSize(size)) return { ok: false, message: `--size must be small, medium, large or enterprise` };
  options.size = size;
  for (const [flag, apply] of [
    ['seed', (n: number) => (options.seed = n)],
    ['port', (n: number) => (options.port = n)],
    ['trash-days', (n: number) => (options.trashRetentionMs = n * 86_400_000)],
    ['activity', (n: number) => (options.activity = { opsPerMinute: n, autoStart: n > 0 })],
  ] as const) {
    const raw = str(flag);
    if (raw === undefined) continue;
    const n = nonNegativeInt(flag, raw);
    if (typeof n === 'string') return { ok: false, message: n };
    apply(n);
  }
  options.port ??= 4010;
  if (str('host')) options.host = str('host');
  if (str('control-key')) options.controlKey = str('control-key');
  const regions = (str('regions') ?? 'us').split(',').map((r) => r.trim().toLowerCase());
  if (regions.some((r) => !ALL_REGIONS.includes(r as Region)))
    return { ok: false, message: `--regions takes ${ALL_REGIONS.join(',')}` };
  options.regions = regions as Region[];
  const rate = str('rate-limit');
  if (rate === 'off') options.rateLimit = false;
  else if (rate !== undefined) {
    const n = nonNegativeInt('rate-limit', rate);
    if (typeof n === 'string' || n === 0)
      return { ok: false, message: '--rate-limit must be a positive integer or off' };
    options.rateLimit = { limit: n };
  }
  if (str('counts')) {
    const counts: Partial<EntityCounts> = {};
    for (const pair of (str('counts') as string).split(',')) {
      const [k, v] = pair.split('=');
      if (!COUNT_KEYS.includes(k as keyof EntityCounts)) return { ok: false, message: `--counts: unknown entity ${k}` };
      const n = nonNegativeInt('counts', v ?? '');
      if (typeof n === 'string') return { ok: false, message: n };
      counts[k as keyof EntityCounts] = n;
    }
    options.counts = counts;
  }
  const redirectUris = (values['redirect-uri'] as string[] | undefined) ?? [];
  for (const uri of redirectUris) {
    if (!URL.canParse(uri) || !/^https?:$/.test(new URL(uri).protocol))
      return { ok: false, message: '--redirect-uri must be an http(s) URL' };
  }
  if (redirectUris.length > 0) {
    const demo = demoApp();
    options.oauth = { apps: [{ ...demo, redirectUris: [...demo.redirectUris, ...redirectUris] }] };
  }
  const latency = str('latency') === undefined ? 0 : nonNegativeInt('latency', str('latency') as string);
  if (typeof latency === 'string') return { ok: false, message: latency };
  return { ok: true, options, latencyMs: latency, help: values.help === true };
};
