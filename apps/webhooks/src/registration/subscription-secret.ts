import { open, seal, type Keyring } from '@sf/token-vault';

/** AAD of a sealed webhook secret: bound to its row and column, so a value copied elsewhere fails to open. */
const aadOf = (subscriptionId: string): string => `webhook_subscriptions:${subscriptionId}:sealed_secret`;

export const sealSecret = (keyring: Keyring, subscriptionId: string, secret: string): string =>
  seal(keyring, secret, aadOf(subscriptionId));

/** The secret, or null when the sealed value does not open (wrong key, tampered, copied from another row). */
export const openSecret = (keyring: Keyring, subscriptionId: string, sealed: string): string | null => {
  const r = open(keyring, sealed, aadOf(subscriptionId));
  return r.ok ? r.plaintext : null;
};
