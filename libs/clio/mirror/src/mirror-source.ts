/**
 * What last wrote a mirror row (`last_source`, wire names of the read API): a sync job's page or sweep, a Clio
 * webhook, or our own write-back to Clio. Derived from the event that wrote the row, so a rebuild reproduces it.
 */
export const MirrorSources = { sync: 'sync', webhook: 'webhook', writeBack: 'write_back' } as const;
export type MirrorSource = (typeof MirrorSources)[keyof typeof MirrorSources];

/**
 * The source of a page of records. Every page in the log today is a sync job's (`ClioRecordsFetched`); the webhook
 * ingress and the write-back will pass their own when their events land.
 */
export const pageSource = (): MirrorSource => MirrorSources.sync;
