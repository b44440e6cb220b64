import { Transform } from "node:stream";

/**
 * React 18.3's renderToPipeableStream can pad a chunk with NUL bytes when a multi-byte
 * character meets the edge of its 2 KB write buffer (facebook/react#31134): the audit page
 * showed "Platform \0\0→ Platform Core" once its filter grew past such an edge. No page
 * ever means a NUL (the app refuses them in every input), and in UTF-8 a 0x00 byte is
 * only ever NUL, never part of another character, so dropping them is safe byte by byte.
 */
export function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}
