import type { ClioRegion } from '@sf/contracts';

/** OAuth origins per Clio region: the same host as the Manage API. */
export const CLIO_OAUTH_ORIGINS: Readonly<Record<ClioRegion, string>> = {
  us: 'https://app.clio.com',
  eu: 'https://eu.app.clio.com',
  ca: 'https://ca.app.clio.com',
  au: 'https://au.app.clio.com',
};
