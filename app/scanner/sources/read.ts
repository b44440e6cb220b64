import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/**
 * Reads a file unless it is larger than `max` bytes, into one buffer reused for every file:
 * open, one read, close (no stat, no allocation per file). The bytes returned are valid
 * until the next call, so callers decode them at once.
 */
let shared = Buffer.allocUnsafe(0);
export function readAtMost(file: string, max: number): Buffer {
  if (shared.length < max + 1) shared = Buffer.allocUnsafe(max + 1);
  const fd = openSync(file, constants.O_RDONLY);
  try {
    let read = 0;
    for (;;) {
      const n = readSync(fd, shared, read, max + 1 - read, null);
      if (n === 0) break;
      read += n;
      if (read > max) throw new TooLargeError(fstatSync(fd).size, max);
    }
    return shared.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export class TooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super(`larger than ${Math.round(max / 1_000_000)} MB`);
  }
}
