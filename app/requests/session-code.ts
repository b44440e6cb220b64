import { randomInt } from "node:crypto";

/**
 * Session codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
 * about 59 bits, shown as XXXX-XXXX-XXXX.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 12;

export function generateCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export const formatCode = (code: string) => code.match(/.{1,4}/g)!.join("-");

/** What people type: any case, spaces and dashes anywhere. Null if it cannot be a code. */
export function normalizeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== CODE_LENGTH) return null;
  for (const char of code) if (!CODE_ALPHABET.includes(char)) return null;
  return code;
}
