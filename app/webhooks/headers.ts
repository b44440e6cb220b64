/**
 * The headers every webhook delivery carries (signature.ts says how the signature is made).
 * Apart from signature.ts so that pages can name them without bundling node:crypto.
 */
export const SIGNATURE_HEADER = "X-Marketplace-Signature";
export const EVENT_HEADER = "X-Marketplace-Event";
export const DELIVERY_HEADER = "X-Marketplace-Delivery";
/** A receiver should refuse signatures older than this. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
