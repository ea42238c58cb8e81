// `npm run jwt -- --firm <firmId> [--sub <userId>] [--hours 2]` (in the image: `dev-jwt --firm ...`): prints a gateway
// JWT signed with AUTH_JWT_SECRET (HS256), for calling the services by hand in development (docker compose,
// `npm start -- --keep`). Production tokens come from the gateway.
import { parseArgs } from 'node:util';
import { FIRM_ID_PATTERN } from '@sf/contracts';
import { signJwt } from '@sf/http-auth';

const USAGE = 'usage: dev-jwt --firm <firmId> [--sub <userId>] [--hours <n>]   (signs with AUTH_JWT_SECRET)';

const main = (): number => {
  const { values } = parseArgs({
    options: { firm: { type: 'string' }, sub: { type: 'string' }, hours: { type: 'string' } },
    strict: true,
  });
  const secret = process.env['AUTH_JWT_SECRET'] ?? '';
  const hours = Number(values.hours ?? '2');
  const problem =
    values.firm === undefined || !FIRM_ID_PATTERN.test(values.firm)
      ? '--firm must be a firm id'
      : secret.length < 32
        ? 'AUTH_JWT_SECRET must be set (at least 32 bytes)'
        : !(hours > 0)
          ? '--hours must be positive'
          : undefined;
  if (problem !== undefined) {
    process.stderr.write(`${problem}\n${USAGE}\n`);
    return 2;
  }
  const exp = Math.floor(Date.now() / 1000 + hours * 3600);
  process.stdout.write(
    `${signJwt({ firm_id: values.firm, sub: values.sub ?? 'dev', exp }, { alg: 'HS256', secret })}\n`,
  );
  return 0;
};

process.exitCode = main();
