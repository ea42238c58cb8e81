import { processInCommandLine } from './healthcheck';
import { healthPortOf } from './processes';

describe('the image healthcheck', () => {
  it('finds the process in PID 1 command line, directly or under an init', () => {
    const cmd = (...args: string[]): string => `${args.join('\0')}\0`;
    expect(processInCommandLine(cmd('node', '--enable-source-maps', 'tools/serve/serve.js', 'relay'))).toBe('relay');
    expect(processInCommandLine(cmd('/sbin/docker-init', '--', 'node', 'tools/serve/serve.js', 'clio-fetcher'))).toBe(
      'clio-fetcher',
    );
    expect(processInCommandLine(cmd('node', 'tools/serve/serve.js', 'projections', 'rebuild', 'all'))).toBe(
      'projections',
    );
    expect(processInCommandLine(cmd('node', 'something-else.js'))).toBeUndefined();
  });

  it('probes HTTP services on PORT (or their default) and workers on HEALTH_PORT', () => {
    expect(healthPortOf('auth-service', {})).toBe(3001);
    expect(healthPortOf('auth-service', { PORT: '8080', HEALTH_PORT: '9000' })).toBe(8080);
    expect(healthPortOf('relay', { PORT: '8080', HEALTH_PORT: '9000' })).toBe(9000);
    expect(healthPortOf('relay', {})).toBeUndefined();
    expect(healthPortOf('migrate', { HEALTH_PORT: '9000' })).toBeUndefined();
  });
});
