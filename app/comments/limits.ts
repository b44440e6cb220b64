/** Shared by the comment box (browser) and the server's validation. */
export const MAX_COMMENT_LENGTH = 4000;
