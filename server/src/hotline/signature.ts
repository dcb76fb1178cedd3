import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed request's timestamp may be from our clock. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * The signature both sides of the provincial 12345 link compute: hex HMAC-SHA256 with the shared
 * secret over `<timestamp>.<raw body>` (timestamp in Unix seconds), sent as `x-hotline-timestamp`
 * and `x-hotline-signature`. The timestamp bounds replays in time; the signature store refuses a
 * replay inside the window.
 */
export function sign(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function signatureMatches(secret: string, timestamp: string, body: Buffer, given: string): boolean {
  const expected = Buffer.from(sign(secret, timestamp, body), 'hex');
  const actual = Buffer.from(/^[0-9a-f]{64}$/.test(given) ? given : '', 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function timestampFresh(timestamp: string, now: Date): boolean {
  if (!/^\d{9,11}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) * 1000 - now.getTime()) <= SIGNATURE_WINDOW_MS;
}

/** express.json `verify`: keeps the raw bytes of the inbound order route, which the signature covers. */
export function keepRawBody(req: { url?: string; rawBody?: Buffer }, _res: unknown, buf: Buffer): void {
  if (req.url?.startsWith('/api/hotline/inbound/')) req.rawBody = buf;
}
