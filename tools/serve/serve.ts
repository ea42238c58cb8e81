// The image's entry point (deploy/Dockerfile): `node tools/serve/serve.js <process> [args...]` runs one platform
// process from the compiled tree; `healthcheck` probes the running one (the image's HEALTHCHECK); `--help` lists them.
// Arguments after the process name replace its default ones (`projections rebuild all`, `sync status --job J`).
import path from 'node:path';
import { PROCESSES, isProcessName } from './processes';
import { healthcheck } from './healthcheck';

const USAGE = `usage: serve <process> [args...] | serve healthcheck | serve --help
processes: ${Object.keys(PROCESSES).join(', ')}`;

const main = (argv: string[]): void => {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (name === 'healthcheck') {
    void healthcheck(process.env).then((code) => process.exit(code));
    return;
  }
  if (!isProcessName(name)) {
    process.stderr.write(`${name === undefined ? 'no process named' : `unknown process "${name}"`}\n${USAGE}\n`);
    process.exit(2);
  }
  const spec = PROCESSES[name];
  const entry = path.join(__dirname, '..', '..', spec.entry);
  // Each entry reads its own arguments from process.argv, as when run directly.
  const args = rest.length > 0 ? rest : 'args' in spec ? spec.args : [];
  process.argv = [process.argv[0]!, entry, ...args];
  void import(entry);
};

main(process.argv.slice(2));
