/** A stable colour per person, so the same teammate looks the same in every room. */
const PALETTE = [
  "#E5484D",
  "#F76B15",
  "#D6409F",
  "#8E4EC6",
  "#3E63DD",
  "#0090FF",
  "#12A594",
  "#30A46C",
  "#AD7F58",
  "#E54666",
];

export function colorForUser(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}
