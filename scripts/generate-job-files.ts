/**
 * Writes the files produced from the job definitions (server/src/jobs): one element template per
 * job type in workflows/element-templates/ and the job table of workflows/README.md.
 * `npx tsx scripts/generate-job-files.ts` after adding or changing a job type; jobs.test.ts fails
 * while the files differ from what this would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { jobDefinitions } from '../server/src/jobs/index.ts';
import { elementTemplateText, withReadmeTable } from '../server/src/jobs/generated.ts';

const workflows = new URL('../workflows/', import.meta.url);
for (const job of jobDefinitions) {
  writeFileSync(new URL(`element-templates/${job.type}.json`, workflows), elementTemplateText(job));
}
const readme = new URL('README.md', workflows);
writeFileSync(readme, withReadmeTable(readFileSync(readme, 'utf8'), jobDefinitions));
console.log(`${jobDefinitions.length} element templates and the README job table written`);
