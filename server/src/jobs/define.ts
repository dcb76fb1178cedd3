import { z } from 'zod';
import type { Job, JobHandler, JobResult } from '../engine/index.ts';

/** A task header a designer sets in the modeler: a choice among named values, or free text. */
export interface ChoiceHeader<C extends Record<string, string> = Record<string, string>> { kind: 'choice'; label: string; choices: C; default: string; description?: string }
export interface TextHeader { kind: 'text'; label: string; default?: string; optional?: boolean; description?: string }
export type HeaderSpec = ChoiceHeader | TextHeader;

/** A header with one of the named values (the first given value is the default unless another is named). */
export function choice<const C extends Record<string, string>>(label: string, choices: C, options: { default?: keyof C & string; description?: string } = {}): ChoiceHeader<C> {
  return { kind: 'choice', label, choices, default: options.default ?? Object.keys(choices)[0]!, description: options.description };
}

/** A free-text header, required unless `optional`. */
export function text(label: string, options: { default?: string; optional?: boolean; description?: string } = {}): TextHeader {
  return { kind: 'text', label, ...options };
}

type HeaderValue<S> = S extends ChoiceHeader<infer C> ? keyof C & string : S extends { optional: true } ? string | undefined : string;
export type HeadersOf<H extends Record<string, HeaderSpec>> = { [K in keyof H]: HeaderValue<H[K]> };

/** What a handler receives: the job as the engine gave it, with its headers and variables parsed. */
export type ParsedJob<H extends Record<string, HeaderSpec>, V extends z.ZodType> = Job & { headers: HeadersOf<H>; input: z.infer<V> };

/**
 * One job type of the hall, everything about it in one place: the engine type, its Chinese name
 * and description (the element template's), the headers a designer sets, the process variables it
 * reads (a zod schema) and writes, and its handler. The worker registration, the types the
 * publishing checks accept, the element templates and the workflows README table are produced from
 * these definitions (jobs/index.ts, jobs/generate.ts).
 */
export interface JobDefinition<D, H extends Record<string, HeaderSpec> = Record<string, HeaderSpec>, V extends z.ZodType = z.ZodType> {
  type: string;
  zh: string;
  description: string;
  headers: H;
  variables: V;
  /** Process variables the handler writes (README table). */
  writes: string[];
  handler: (deps: D) => (job: ParsedJob<H, V>) => Promise<JobResult>;
}

/** A definition ready to register: `bind` gives the engine handler over the hall's services. */
export type DefinedJob<D, H extends Record<string, HeaderSpec> = Record<string, HeaderSpec>, V extends z.ZodType = z.ZodType> = JobDefinition<D, H, V> & { bind(deps: D): JobHandler };

/** Declares a job type (TypeScript infers its headers and variables from the definition). */
export function defineJob<D, const H extends Record<string, HeaderSpec>, V extends z.ZodType>(definition: JobDefinition<D, H, V>): DefinedJob<D, H, V> {
  return { ...definition, bind: (deps: D) => toHandler(definition, deps) };
}

/** The zod schema of a definition's headers (choice values checked, defaults filled). */
export function headersSchema(headers: Record<string, HeaderSpec>): z.ZodType<Record<string, string | undefined>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(headers)) {
    if (spec.kind === 'choice') shape[key] = z.enum(Object.keys(spec.choices) as [string, ...string[]]).default(spec.default);
    else shape[key] = spec.default !== undefined ? z.string().default(spec.default) : spec.optional ? z.string().optional() : z.string().min(1);
  }
  return z.object(shape).loose() as unknown as z.ZodType<Record<string, string | undefined>>;
}

/** `headers.stage: …; variables.caseId: …` — where the input was wrong, for the incident message. */
function describe(where: 'headers' | 'variables', error: z.ZodError): string {
  return error.issues.map((issue) => `${where}.${issue.path.join('.') || '(all)'}: ${issue.message}`).join('; ');
}

/**
 * The engine handler of a definition: parses the headers and variables first; input that does not
 * fit fails the job at once (no retries: the same input would fail again) with a message naming
 * the job type and the fields, which the engine raises as an incident for the designer to see.
 */
function toHandler<D, H extends Record<string, HeaderSpec>, V extends z.ZodType>(definition: JobDefinition<D, H, V>, deps: D): JobHandler {
  const run = definition.handler(deps);
  const headerSchema = headersSchema(definition.headers);
  return async (job) => {
    const headers = headerSchema.safeParse(job.customHeaders);
    const input = definition.variables.safeParse(job.variables);
    const problems = [...(headers.success ? [] : [describe('headers', headers.error)]), ...(input.success ? [] : [describe('variables', input.error)])];
    if (problems.length > 0) return { outcome: 'fail', retries: 0, errorMessage: `${definition.type} (${definition.zh}): bad input — ${problems.join('; ')}` };
    return run({ ...job, headers: headers.data as HeadersOf<H>, input: input.data as z.infer<V> });
  };
}
