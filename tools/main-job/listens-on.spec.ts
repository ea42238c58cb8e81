import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { listensOn } from './listens-on';

describe('listensOn', () => {
  it("tells this process's listening port from another process's", async () => {
    const own = createServer();
    own.listen(0, '127.0.0.1');
    await once(own, 'listening');
    const ownPort = (own.address() as { port: number }).port;
    const other = spawn(process.execPath, [
      '-e',
      "require('net').createServer().listen(0,'127.0.0.1',function(){console.log(this.address().port)})",
    ]);
    try {
      const [chunk] = (await once(other.stdout, 'data')) as [Buffer];
      const otherPort = Number(chunk.toString().trim());
      expect(listensOn(process.pid, ownPort)).toBe(true);
      expect(listensOn(process.pid, otherPort)).toBe(false);
      expect(listensOn(other.pid!, otherPort)).toBe(true);
    } finally {
      other.kill();
      own.close();
    }
  });
});
