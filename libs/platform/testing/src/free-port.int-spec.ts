import { createServer } from 'node:net';
import { freePort } from './free-port';

describe('freePort', () => {
  it("hands out distinct ports of this worker's slice, below the ephemeral range, each one bindable", async () => {
    const ports: number[] = [];
    for (let i = 0; i < 50; i++) ports.push(await freePort());

    expect(new Set(ports).size).toBe(50);
    const slice = Math.floor((32_768 - 20_000) / 9);
    const start = 20_000 + (Number(process.env['JEST_WORKER_ID'] ?? 0) % 9) * slice;
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(start);
      expect(p).toBeLessThan(start + slice);
    }
    const srv = createServer();
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((resolve) => srv.close(resolve));
  });
});
