// Jest global setup (jest.config.js): every run talks to a nats-server of its own with the locked configuration
// (docs/architecture.md, "A locked bus"). The config is rendered by tools/bus/test-bus-server.ts in a child process
// (TypeScript with the workspace's path aliases); the server is this process's child, stopped by the teardown.
// NATS_URL, NATS_USER and NATS_PASSWORD (the `test` identity), SF_TEST_BUS_USERS and SF_TEST_BUS_CONFIG (for the
// servers tests start of their own, @sf/testing `startOwnNatsServer`) reach every test process.
// SF_TEST_NATS=open skips all this and runs against NATS_URL as given.
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

module.exports = async () => {
  if (process.env.SF_TEST_NATS === 'open') return;
  const dir = mkdtempSync(path.join(tmpdir(), 'sf-test-bus-'));
  const port = await freePort();
  const out = execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, 'bus/test-bus-server.ts'), dir, String(port)],
    { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' },
  );
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
