import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud or typed from paper cannot be mistaken. 31 symbols. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
export const codePattern = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A random verification code (31^10 ≈ 8·10^14 values) from the system's CSPRNG. */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Accepts lower case and separators as typed by a citizen; returns the canonical code or undefined. */
export function normaliseCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return codePattern.test(code) ? code : undefined;
}
