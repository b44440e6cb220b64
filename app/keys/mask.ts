/** The only way a stored key is ever shown: a fixed-width mask and its last four characters. */
export function maskSecret(last4: string): string {
  return `••••••••${last4.slice(-4)}`;
}

export function lastFour(secret: string): string {
  return secret.slice(-4);
}
