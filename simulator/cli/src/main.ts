import { createSimulator } from '@sf/clio-simulator';
import { createLogger } from '@sf/logging';
import { USAGE, parseCliArgs } from './cli-options';

/** `npm run simulator -- --size medium --seed 42 --port 4010`: a Clio Manage stand-in on this machine. */
const main = async (): Promise<void> => {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const started = Date.now();
  const sim = await createSimulator(parsed.options);
  if (parsed.latencyMs > 0) {
    const added = sim.edge.faults.add({ kind: 'slow', delayMs: parsed.latencyMs }, sim.clock.now());
    if (!added.ok) throw new Error('could not install the latency fault');
  }
  const counts = sim.store.groundTruth().counts;
  const lines = [
    `Clio simulator ready in ${Date.now() - started} ms (size ${parsed.options.size}, seed ${parsed.options.seed ?? 1})`,
    ...sim.regions.map((r) => `[${r}] API   ${sim.baseUrl(r)}`),
    ...sim.regions.map((r) => `[${r}] OAuth ${sim.oauthBaseUrl(r)}`),
    `Control API ${sim.controlUrl}`,
    ...sim.edge.banner((r) => sim.origin(r as never)),
    `Records: ${Object.entries(counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  ];
  console.log(lines.join('\n'));
  const stop = async (): Promise<void> => {
    await sim.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};

void main().catch((err: unknown) => {
  // The banner above is the CLI's output; a crash is a log line in the platform's one format.
  createLogger({ name: 'clio-simulator' }).fatal({ err }, 'simulator failed');
  process.exit(1);
});
