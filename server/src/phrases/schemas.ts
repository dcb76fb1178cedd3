import { z } from 'zod';

export const PHRASES_MAX = 50;
export const phraseBody = z.strictObject({ text: z.string().trim().min(1).max(200).describe('常用语') });
export const phraseParams = z.strictObject({ id: z.string().regex(/^[a-f0-9]{24}$/, 'a phrase id') });
