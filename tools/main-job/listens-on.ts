import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/** Inodes of the sockets listening on `port` (IPv4 and IPv6), from /proc/net/tcp{,6}. */
const listeningInodes = (port: number): Set<string> => {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex, st the state, inode the tenth field.
      if (f.length > 9 && f[1]!.endsWith(`:${hexPort}`) && f[3] === LISTEN) inodes.add(f[9]!);
    }
  }
  return inodes;
};

/**
 * Whether process `pid` holds the socket listening on `port`; undefined where /proc cannot tell (not Linux). A
 * readiness probe answered on a port that another process took between `freePort` and the child's listen would
 * otherwise pass for the child's, while the child dies of EADDRINUSE.
 */
export const listensOn = (pid: number, port: number): boolean | undefined => {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  const inodes = listeningInodes(port);
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m && inodes.has(m[1]!)) return true;
    } catch {
      // closed while we looked
    }
  }
  return false;
};
