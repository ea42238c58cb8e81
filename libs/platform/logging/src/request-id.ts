import { randomUUID } from 'node:crypto';
import { ID_MAX_LENGTH } from '@sf/contracts';

/** The header a gateway sends its request id in; it becomes the correlation id of the request's log lines and events. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The gateway's request id when it sends a usable one (printable ASCII, at most ID_MAX_LENGTH), else a fresh UUID. */
export const correlationIdOf = (header: string | string[] | undefined): string =>
  typeof header === 'string' && /^[\x21-\x7e]+$/.test(header) && header.length <= ID_MAX_LENGTH ? header : randomUUID();
