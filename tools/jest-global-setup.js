// Jest global setup (jest.config.js): every run talks to a nats-server of its own with the locked configuration
// (docs/architecture.md, "A locked bus"). The config is rendered by tools/bus/test-bus-server.ts in a child process
// (TypeScript with the workspace's path aliases); the server is this process's child, stopped by the teardown.
// NATS_URL, NATS_USER and NATS_PASSWORD (the `test` identity), SF_TEST_BUS_USERS and SF_TEST_BUS_CONFIG (for the
// servers tests start of their own, @sf/testing `startOwnNatsServer`) reach every test process.
// SF_TEST_NATS=open skips all this and runs against NATS_URL as given.
//
// Postgres likewise: the run creates a cluster of its own (tools/test-postgres.ts: sized for what the run launches,
// fsync off) with a migrated template database, hands TEST_ADMIN_DATABASE_URL and SF_TEST_TEMPLATE_DATABASE to every
// test process and drops the cluster in the teardown. Where that cannot
// be done (not root, no pg_createcluster) or TEST_ADMIN_DATABASE_URL is set, or SF_TEST_PG=shared, the tests use the
// given server (default the shared one on 5432).
const { execFileSync, spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { createConnection, createServer } = require('node:net');
const { tmpdir } = require('node:os');
const path = require('node:path');

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const accepts = (port) =>
  new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

const runTs = (file, args) =>
  execFileSync(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, file), ...args], {
    cwd: path.resolve(__dirname, '..'),
    encoding: 'utf8',
  });

const canCreateClusters = () => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('sh', ['-c', 'command -v pg_createcluster'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const startRunPostgres = async () => {
  if (process.env.TEST_ADMIN_DATABASE_URL || process.env.SF_TEST_PG === 'shared') return;
  if (!canCreateClusters()) {
    process.stderr.write('tests use the shared Postgres on 5432 (no pg_createcluster as root here)\n');
    return;
  }
  const name = `sf_jest_${process.pid}`;
  const out = runTs('test-postgres.ts', ['create', name, String(await freePort())]);
  globalThis.__SF_TEST_PG__ = name;
  // An interrupted run skips the teardown: the next run's create sweeps the cluster of a process that is gone.
  const { adminUrl, template } = JSON.parse(out.trim().split('\n').pop());
  Object.assign(process.env, {
    TEST_ADMIN_DATABASE_URL: adminUrl,
    SF_TEST_PG_CLUSTER: name,
    SF_TEST_TEMPLATE_DATABASE: template,
  });
};

module.exports = async () => {
  await startRunPostgres();
  if (process.env.SF_TEST_NATS === 'open') return;
  const dir = mkdtempSync(path.join(tmpdir(), 'sf-test-bus-'));
  const port = await freePort();
  const out = runTs('bus/test-bus-server.ts', [dir, String(port)]);
  const { config, template, usersFile, user, password } = JSON.parse(out.trim().split('\n').pop());
  const child = spawn('nats-server', ['-c', config], { stdio: 'ignore' });
  globalThis.__SF_TEST_BUS__ = { child, dir };
  // An interrupted run skips the teardown: the server still goes with this process.
  process.once('exit', () => child.kill('SIGKILL'));
  for (const deadline = Date.now() + 15_000; !(await accepts(port));) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`locked nats-server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const name of [
    'NATS_PASSWORD_FILE',
    'NATS_CREDS',
    'NATS_TLS_CA',
    'NATS_TLS_CERT',
    'NATS_TLS_KEY',
    'NATS_INBOX_PREFIX',
  ])
    delete process.env[name];
  Object.assign(process.env, {
    NATS_URL: `nats://127.0.0.1:${port}`,
    NATS_USER: user,
    NATS_PASSWORD: password,
    SF_TEST_BUS_USERS: usersFile,
    SF_TEST_BUS_CONFIG: template,
  });
};
