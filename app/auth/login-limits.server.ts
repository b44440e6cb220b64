import { retryAfterSeconds } from "~/http/responses.server";
import { clientAddress, consumeRateLimits, refundRateLimits, type RateLimitRule } from "~/rate-limit/rate-limit.server";

/**
 * Log-in attempts are limited per account (against guessing one password) and per
 * client address (against trying many accounts). Every attempt is counted when it
 * starts, so concurrent guesses are limited exactly, and a successful log-in gives its
 * attempt back: only failures lead to a lock-out, so a team behind one address that
 * types its passwords right is never locked out by its own log-ins.
 */
export const LOGIN_LIMITS = {
  perAccount: { limit: 10, windowSeconds: 15 * 60 },
  perAddress: { limit: 50, windowSeconds: 15 * 60 },
};

const keysFor = (request: Request, email: string): [string, RateLimitRule][] => [
  [`login:account:${email}`, LOGIN_LIMITS.perAccount],
  [`login:address:${clientAddress(request)}`, LOGIN_LIMITS.perAddress],
];

export async function checkLoginRateLimit(request: Request, email: string, now = new Date()) {
  const result = await consumeRateLimits(keysFor(request, email), now);
  if (result.allowed) return null;
  const seconds = retryAfterSeconds(result.resetAt);
  return {
    message: `Too many log-in attempts. Try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""}.`,
    resetAt: result.resetAt,
  };
}

/** A log-in that succeeded does not count toward the lock-out. */
export async function forgiveLoginAttempt(request: Request, email: string, countedAt: Date) {
  await refundRateLimits(keysFor(request, email), countedAt);
}
