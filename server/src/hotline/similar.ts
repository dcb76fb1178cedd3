/** Character bigrams of a text without spaces and punctuation (Chinese has no word breaks). */
function bigrams(text: string): Map<string, number> {
  const chars = [...text.replace(/[\s\p{P}\p{S}]/gu, '')];
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice similarity of two texts' bigrams, 0 (nothing shared) to 1 (the same). */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of x) { shared += Math.min(n, y.get(g) ?? 0); total += n; }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** A new call is about an open order when the caller's phone is the same and the content this similar (重复来电). */
export const REPEAT_SIMILARITY = 0.5;
