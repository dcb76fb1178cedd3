import type { HeaderSpec } from './define.ts';

/** What the generated files need of a definition (every DefinedJob has it). */
export interface JobDocs {
  type: string;
  zh: string;
  description: string;
  headers: Record<string, HeaderSpec>;
  variables: { def?: unknown } & object;
  writes: readonly string[];
}

const headerProperty = (key: string, spec: HeaderSpec) => ({
  label: spec.label,
  description: spec.description ?? '',
  group: 'headers',
  binding: { type: 'zeebe:taskHeader', key },
  ...(spec.kind === 'choice'
    ? { type: 'Dropdown', value: spec.default, choices: Object.entries(spec.choices).map(([value, name]) => ({ name, value })) }
    : { type: 'String', ...(spec.default !== undefined ? { value: spec.default } : {}), ...(spec.optional ? { optional: true } : { constraints: { notEmpty: true } }) }),
});

/**
 * The Camunda 8 element template a designer applies in the modeler to use this job type: the
 * task type fixed, the retries, and one field per header (a dropdown for a choice).
 */
export function elementTemplateOf(job: JobDocs): Record<string, unknown> {
  const hasHeaders = Object.keys(job.headers).length > 0;
  return {
    $schema: 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json',
    name: `${job.zh}（${job.type}）`,
    id: `onewindow.${job.type}`,
    version: 1,
    description: job.description,
    documentationRef: `https://onewindow.example/docs/workflows#${job.type}`,
    category: { id: 'onewindow', name: '一窗通办' },
    appliesTo: ['bpmn:Task'],
    elementType: { value: 'bpmn:ServiceTask' },
    groups: [...(hasHeaders ? [{ id: 'headers', label: '参数' }] : []), { id: 'job', label: '作业' }],
    properties: [
      { type: 'Hidden', value: job.type, binding: { type: 'zeebe:taskDefinition', property: 'type' } },
      {
        label: '重试次数', description: '作业失败后的重试次数', type: 'String', value: '3', group: 'job',
        binding: { type: 'zeebe:taskDefinition', property: 'retries' },
        constraints: { notEmpty: true, pattern: { value: '^[0-9]+$', message: '请输入非负整数' } },
      },
      ...Object.entries(job.headers).map(([key, spec]) => headerProperty(key, spec)),
    ],
  };
}

/** The file text of an element template (two-space JSON with a final newline, as the modeler writes). */
export const elementTemplateText = (job: JobDocs): string => `${JSON.stringify(elementTemplateOf(job), null, 2)}\n`;

/** The variables a definition reads, from its zod object schema's keys. */
function readsOf(job: JobDocs): string[] {
  const shape = (job.variables as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

const headerCell = (headers: Record<string, HeaderSpec>): string => Object.entries(headers)
  .map(([key, spec]) => (spec.kind === 'choice' ? `\`${key}\`: ${Object.keys(spec.choices).join(', ')}` : `\`${key}\`${spec.optional ? ' (optional)' : ''}`))
  .join('; ') || '—';

export const README_START = '<!-- job-types:start (generated from server/src/jobs by scripts/generate-job-files.ts; do not edit) -->';
export const README_END = '<!-- job-types:end -->';

/** The "Job types" table of workflows/README.md. */
export function readmeTable(jobs: readonly JobDocs[]): string {
  const rows = jobs.map((j) => `| \`${j.type}\` | ${j.zh} | ${headerCell(j.headers)} | ${readsOf(j).join(', ') || '—'} | ${j.writes.join(', ') || '—'} |`);
  return [README_START, '| type | 中文 | headers | reads | writes |', '| --- | --- | --- | --- | --- |', ...rows, README_END].join('\n');
}

/** The README with its job table replaced by the one generated now. */
export function withReadmeTable(readme: string, jobs: readonly JobDocs[]): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`workflows/README.md lacks the job table markers (${README_START} … ${README_END})`);
  return readme.slice(0, start) + readmeTable(jobs) + readme.slice(end + README_END.length);
}
