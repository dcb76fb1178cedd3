import { pino, type Logger } from 'pino';

/**
 * Structured logs. Identity numbers, phone numbers, passwords and tokens never reach a log line:
 * the paths below are censored wherever they occur in a logged object.
 */
export const redactPaths = [
  'idNumber', '*.idNumber', '*.*.idNumber',
  'phone', '*.phone', '*.*.phone',
  'password', '*.password',
  'token', '*.token', 'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken',
  'req.headers.authorization', 'headers.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}

export type { Logger };
