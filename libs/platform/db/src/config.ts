/** Connection settings read from the environment, with defaults that match a local developer machine. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/clio_sync';

export const databaseUrlFromEnv = (env: NodeJS.ProcessEnv = process.env): string =>
  env['DATABASE_URL'] && env['DATABASE_URL'].length > 0 ? env['DATABASE_URL'] : DEFAULT_DATABASE_URL;
