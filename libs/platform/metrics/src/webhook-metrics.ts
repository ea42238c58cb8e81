import { defineCounter } from './define';

/** Clio webhook deliveries by outcome (received, rejected, applied, failed): the webhooks ingress adds to it. */
export const webhookDeliveries = defineCounter('sf_webhook_deliveries_total', 'Clio webhook deliveries by outcome', [
  'outcome',
]);
