import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Environment variable that names the Chromium executable (it wins over PATH). */
export const CHROMIUM_ENV = 'CHROMIUM_PATH';
const NAMES = ['chromium', 'chromium-browser'];

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The headless Chromium the browser tests drive (Debian's `chromium`, installed by .ci/run): `$CHROMIUM_PATH`, else
 * `chromium` or `chromium-browser` on PATH. Throws with how to install it: the tests are part of `npm test`.
 */
export const findChromium = (env: NodeJS.ProcessEnv = process.env): string => {
  const named = env[CHROMIUM_ENV];
  if (named) {
    if (!executable(named)) throw new Error(`${CHROMIUM_ENV}=${named} is not an executable`);
    return named;
  }
  for (const dir of (env['PATH'] ?? '').split(delimiter))
    for (const name of NAMES) if (dir && executable(join(dir, name))) return join(dir, name);
  throw new Error(`no Chromium found: apt-get install -y chromium, or set ${CHROMIUM_ENV}`);
};
