import { defineCounter } from './define';

/** Clio webhook deliveries by outcome (received, verified, deduped, rejected, applied): the webhooks service adds to it. */
export const webhookDeliveries = defineCounter('sf_webhook_deliveries_total', 'Clio webhook deliveries by outcome', [
  'outcome',
]);
