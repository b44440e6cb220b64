import { env } from "~/config/env.server";

/**
 * An absolute link to a page of this app, for places that leave the browser (e-mails,
 * OAuth callbacks, share links): under APP_URL when it is set (behind a proxy the request's
 * own URL may be internal), else the origin the request came to.
 */
export function publicUrl(request: Request, path: string): string {
  return new URL(path, env().APP_URL ?? request.url).href;
}
