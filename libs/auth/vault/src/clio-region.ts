/** Clio regions are separate instances: a token from one is useless in another (api-facts §1). */
export const ClioRegion = { US: 'us', EU: 'eu', CA: 'ca', AU: 'au' } as const;
export type ClioRegion = (typeof ClioRegion)[keyof typeof ClioRegion];

const REGIONS: readonly string[] = Object.values(ClioRegion);
export const isClioRegion = (v: unknown): v is ClioRegion => typeof v === 'string' && REGIONS.includes(v);

/** OAuth origins per region: the same host as the Manage API (api-facts §1, "OAuth hosts"). */
export const CLIO_OAUTH_ORIGINS: Readonly<Record<ClioRegion, string>> = {
  us: 'https://app.clio.com',
  eu: 'https://eu.app.clio.com',
  ca: 'https://ca.app.clio.com',
  au: 'https://au.app.clio.com',
};
