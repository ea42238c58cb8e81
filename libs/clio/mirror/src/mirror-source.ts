/**
 * What last wrote a mirror row (`last_source`, wire names of the read API): a sync job's page or sweep, a Clio
 * webhook, or our own write-back to Clio. Derived from the event that wrote the row, so a rebuild reproduces it.
 */
export const MirrorSources = { sync: 'sync', webhook: 'webhook', writeBack: 'write_back' } as const;
export type MirrorSource = (typeof MirrorSources)[keyof typeof MirrorSources];

/**
 * The source of a page of records: every `ClioRecordsFetched` page is a sync job's. Webhook observations
 * (`ClioRecordsObserved`) write `webhook`; the write-back will pass its own when its events land.
 */
export const pageSource = (): MirrorSource => MirrorSources.sync;
