/**
 * How one error code of the catalogue is written: its HTTP status and its Chinese and English
 * messages, as plain text or as functions of typed parameters (so a call that forgets a parameter,
 * or names a code that does not exist, fails the type check).
 */
export interface ErrorEntry<P> {
  readonly status: number;
  readonly zh: (params: P) => string;
  readonly en: (params: P) => string;
  /** Parameters that exercise every wording (the catalogue test renders each); absent for plain text. */
  readonly examples?: readonly P[];
}

export function entry(status: number, zh: string, en: string): ErrorEntry<void>;
export function entry<P extends object>(status: number, zh: (p: P) => string, en: (p: P) => string, examples?: readonly P[]): ErrorEntry<P>;
export function entry<P>(status: number, zh: string | ((p: P) => string), en: string | ((p: P) => string), examples?: readonly P[]): ErrorEntry<P> {
  return { status, zh: typeof zh === 'string' ? () => zh : zh, en: typeof en === 'string' ? () => en : en, examples };
}

/**
 * One code said in several ways for different occasions (FORBIDDEN for the calendar, for stuck
 * cases …): `{ variant }` picks the wording, the default without one.
 */
export function variants<V extends string>(status: number, texts: { default: [zh: string, en: string] } & Record<V, [zh: string, en: string]>): ErrorEntry<{ variant?: V }> {
  const pick = (p: { variant?: V } | undefined) => (p?.variant ? (texts as Record<string, [string, string]>)[p.variant] : texts.default);
  const names = Object.keys(texts).filter((k) => k !== 'default') as V[];
  return entry<{ variant?: V }>(status, (p) => pick(p)[0], (p) => pick(p)[1], [{}, ...names.map((variant) => ({ variant }))]);
}

/** Chinese list: 甲、乙、丙. */
export const zhList = (items: readonly string[]) => items.join('、');
/** English list: a, b, c. */
export const enList = (items: readonly string[]) => items.join(', ');
