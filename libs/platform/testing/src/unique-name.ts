import { randomBytes } from 'node:crypto';

/** A name no other test run uses: safe for databases, streams, consumers and subjects (lowercase, [a-z0-9_]). */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
