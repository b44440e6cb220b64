/**
 * Limits that keep a scan's time, memory and disk bounded whatever it is given. Each one
 * becomes a reason people can read when it bites.
 */
export const LIMITS = {
  /** Files larger than this are skipped, not read. */
  maxFileBytes: 1_000_000,
  /** Findings kept in a result (the rest are counted). */
  maxFindings: 5000,
  /** Skipped paths listed one by one (all are counted by reason). */
  maxSkippedListed: 500,
  /** Archives: bytes after decompression, counted as they stream, whatever the headers claim. */
  maxExpandedBytes: 2_000_000_000,
  /** Archives: entries of any kind. */
  maxEntries: 300_000,
  /** Archives and downloads: compressed bytes accepted. */
  maxArchiveBytes: 500_000_000,
  /** Decompressed-to-compressed ratio above which a zip entry is refused as a bomb. */
  maxCompressionRatio: 200,
} as const;

export type Limits = { [K in keyof typeof LIMITS]: number };
