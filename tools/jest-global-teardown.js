// Jest global teardown: stops the run's locked nats-server and deletes its config and store, and drops the run's
// Postgres cluster (jest-global-setup.js).
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');

module.exports = async () => {
  const pg = globalThis.__SF_TEST_PG__;
  if (pg) execFileSync('pg_dropcluster', ['--stop', '15', pg], { stdio: 'ignore' });
  const bus = globalThis.__SF_TEST_BUS__;
  if (!bus) return;
  const { child, dir } = bus;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
};
