/**
 * What the server mirrors of a comment thread into its canvas room (PostgreSQL is the
 * truth, see comments.server.ts): enough to know that a thread changed, and where it is pinned.
 */
export type ThreadMirror = {
  /** Bumped by the server on every change: browsers refetch the thread when it moves. */
  revision: number;
  shapeId: string | null;
  x: number;
  y: number;
  resolved: boolean;
  commentCount: number;
  updatedAt: string;
};
