import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

describe('clio-simulator CLI', () => {
  it('starts, prints base URLs, demo credentials and counts, and serves the API', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'simulator/cli/src/main.ts',
        '--port',
        '0',
        '--counts',
        'matters=5,contacts=10,documents=10,activities=10,calendar_entries=5,tasks=5',
        '--regions',
        'us,eu',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 30_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Records:')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).toMatch(/\[eu\] API {3}http:\/\/127\.0\.0\.1:\d+\/api\/v4/);
      expect(out).toMatch(/client_id=\S+ client_secret=\S+/);
      expect(out).toMatch(/matters=5 /);
      const base = /\[us\] API {3}(\S+)/.exec(out)![1];
      const res = await fetch(`${base}/matters.json`);
      expect(res.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
