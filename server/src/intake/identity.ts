/**
 * Check characters of the two identity codes an applicant gives at the window. A typo caught here
 * saves a notice addressed to nobody.
 */

// GB 11643-1999 公民身份号码: 17 digits (region, birth date YYYYMMDD, sequence) + ISO 7064 MOD 11-2 check.
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = '10X98765432';

export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) return false;
  if (date.getUTCFullYear() < 1900 || date > new Date()) return false;
  const sum = idWeights.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return idCheck[sum % 11] === value[17];
}

// GB 32100-2015 统一社会信用代码: 17 characters + a check character over the 31-character alphabet
// (no I, O, S, V, Z).
const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function isValidUscc(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) return false;
  const sum = usccWeights.reduce((acc, w, i) => acc + w * usccAlphabet.indexOf(value[i]), 0);
  const check = (31 - (sum % 31)) % 31;
  return usccAlphabet[check] === value[17];
}

/** `139****2866`: what a notice or a log may show of a phone number. */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** `马*国`, `中卫市****有限公司`: a name as the public pages show it. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  if (chars.length <= 4) return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7 > 0 ? 4 : chars.length - 4)}${chars.slice(-4).join('')}`;
}
