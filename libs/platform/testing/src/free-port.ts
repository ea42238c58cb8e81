import { createServer } from 'node:net';

/**
 * Ports handed out come from 20000-32767: below Linux's ephemeral range (32768-60999), so no outgoing connection and
 * no `listen(0)` elsewhere takes one. Each Jest worker draws from its own slice of it (`JEST_WORKER_ID`; scripts
 * outside Jest take slice 0), so two workers starting stacks at once never pick the same port: a port picked with
 * `listen(0)` and closed again could be picked by another worker before its child listened (a readiness probe then
 * answered by the wrong process). A process never hands out the same port twice.
 */
const FIRST = 20_000;
const END = 32_768;
const SLICES = 9;
const SLICE = Math.floor((END - FIRST) / SLICES);

const handedOut = new Set<number>();

const sliceStart = (): number => FIRST + (Number(process.env['JEST_WORKER_ID'] ?? 0) % SLICES) * SLICE;

const bindable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** A port of this process's slice that is free on 127.0.0.1 now and was not handed out before by this process. */
export const freePort = async (): Promise<number> => {
  const start = sliceStart();
  for (let tries = 0; tries < SLICE; tries++) {
    const port = start + Math.floor(Math.random() * SLICE);
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port in ${start}-${start + SLICE - 1}`);
};
