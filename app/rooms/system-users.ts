/**
 * Server-side room clients (the session recorder, the AI writing its answers) connect
 * with ids in the "system:" namespace. They are not people: presence, cursors and
 * participant counts skip them.
 */
export const RECORDER_USER_ID = "system:recorder";
export const AI_USER_ID = "system:ai";

export const isSystemUser = (id: string | undefined | null): boolean =>
  typeof id === "string" && id.startsWith("system:");
