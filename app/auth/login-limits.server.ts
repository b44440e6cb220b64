import { clientAddress, consumeRateLimits, retryAfterSeconds } from "~/rate-limit/rate-limit.server";

/**
 * Log-in attempts are limited per account (against guessing one password) and per
 * client address (against trying many accounts), whether or not they succeed.
 */
export const LOGIN_LIMITS = {
  perAccount: { limit: 10, windowSeconds: 15 * 60 },
  perAddress: { limit: 50, windowSeconds: 15 * 60 },
};

export async function checkLoginRateLimit(request: Request, email: string) {
  const result = await consumeRateLimits([
    [`login:account:${email}`, LOGIN_LIMITS.perAccount],
    [`login:address:${clientAddress(request)}`, LOGIN_LIMITS.perAddress],
  ]);
  if (result.allowed) return null;
  const seconds = retryAfterSeconds(result.resetAt);
  return {
    message: `Too many log-in attempts. Try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""}.`,
    retryAfter: seconds,
  };
}
