import { spawnService } from './spawn-service';

const MAIN = 'libs/platform/testing/src/fixtures/ready-child.ts';

describe('spawnService', () => {
  it('resolves started on the ready line and stops gracefully on SIGTERM', async () => {
    const s = spawnService({ main: MAIN, readyLine: 'fixture ready', label: 'fixture', env: {} });
    await s.started;
    expect(s.output.join('')).toContain('fixture ready');
    await expect(s.stop()).resolves.toBe(0);
  });

  it('kill() ends the process with SIGKILL', async () => {
    const s = spawnService({ main: MAIN, readyLine: 'fixture ready', label: 'fixture', env: {} });
    await s.started;
    await s.kill();
    expect(s.child.signalCode).toBe('SIGKILL');
  });

  it('rejects started with the label, exit code and output when the child exits first', async () => {
    const s = spawnService({ main: MAIN, readyLine: 'fixture ready', label: 'fixture', env: { FIXTURE_FAIL: '1' } });
    await expect(s.started).rejects.toThrow(
      /^fixture exited \(3\) before starting:\n[\s\S]*fixture failing on purpose/,
    );
  });
});
