// `npm run nats:config -- [--dir tmp/nats] [--port 4223]`: writes the locked development bus (tools/bus/dev-bus-files.ts)
// and prints how to run it. Renders with renderNatsServerConfig of @sf/messaging from platformBusUsers
// (tools/bus/platform-bus.ts), the same functions the tests, `npm start` and the deployment use.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeDevBus } from './bus/dev-bus-files';

const { values } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string' } } });
const dir = values.dir ?? path.resolve(__dirname, '..', 'tmp', 'nats');
const port = Number(values.port ?? '4223');
if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error('--port must be a TCP port');
const files = writeDevBus({ dir, port });
console.log(`locked development bus written to ${path.relative(process.cwd(), dir) || '.'}:
  nats-server -c ${files.localConfig}              # listens on 127.0.0.1:${port}
  docker compose up                                 # uses compose.conf and compose/<user>.env
users: ${files.users.map((u) => u.name).join(', ')}
each process: set -a; . ${path.join(dir, '<user>.env')}; set +a   (NATS_URL, NATS_USER, NATS_PASSWORD_FILE)`);
