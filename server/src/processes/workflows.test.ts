import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { expect } from 'chai';
import { TokenService } from '../auth/index.ts';
import { ChromiumPdfRenderer, SharedBrowser } from '../documents/index.ts';
import { createEngine } from '../engine/factory.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { composeHall } from '../hall.ts';
import { processIdOfTemplate } from '../seed/catalog-import.ts';
import { createLogger } from '../shared/logger.ts';
import { testConfig, testDatabase } from '../../test/support.ts';
import { extension, flowElements, processesOf } from './bpmn-walk.ts';
import { hallJobTypes } from '../jobs/index.ts';
import { zeebeModdle, type ModdleElement } from './moddle.ts';
import { validateBpmn } from './validate.ts';

const workflowsDir = fileURLToPath(new URL('../../../workflows/', import.meta.url));
const templatesDir = `${workflowsDir}element-templates/`;
const bpmnFiles = readdirSync(workflowsDir).filter((f) => f.endsWith('.bpmn')).sort();
/** Processes a feature starts itself, bound to no matter and carrying no case of their own: 12345 work orders and 差评整改 (issue 18), 一件事 (bundles/). */
const hallServices = ['bundle.bpmn', 'hotline-order.bpmn', 'rating-rectification.bpmn'];
/** A case process must end with an outcome (outcome-check.ts); a work order or a rectification has no case to leave stuck. */
const caseOnly = (file: string) => (w: { message: string }) => !(hallServices.includes(file) && w.message.startsWith('end-without-outcome'));

interface TemplateProperty { type: string; value?: string; binding: { type: string; property?: string; key?: string }; choices?: Array<{ value: string }> }
interface ElementTemplate { id: string; name: string; version: number; appliesTo: string[]; elementType: { value: string }; properties: TemplateProperty[] }
const templates: ElementTemplate[] = readdirSync(templatesDir).filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(templatesDir + f, 'utf8')) as ElementTemplate);
const templateById = new Map(templates.map((t) => [t.id, t]));
const templateSchemaFile = fileURLToPath(import.meta.resolve('@camunda/zeebe-element-templates-json-schema/resources/schema.json'));
const jobTypeOfTemplate = (t: ElementTemplate) =>
  t.properties.find((p) => p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type')?.value;

async function flowNodesOf(file: string): Promise<ModdleElement[]> {
  const { rootElement } = await (await zeebeModdle()).fromXML(readFileSync(workflowsDir + file, 'utf8'));
  return processesOf(rootElement).flatMap((p) => [...flowElements(p)]);
}

const headersOf = (element: ModdleElement) =>
  new Map((((extension(element, 'zeebe:TaskHeaders')?.get('values')) as ModdleElement[] | undefined) ?? []).map((h) => [String(h.get('key')), String(h.get('value'))]));

describe('the hall\'s workflows and element templates', () => {
  it('ships a BPMN file for every process template the catalogue binds matters to', () => {
    expect(bpmnFiles.filter((f) => !hallServices.includes(f))).to.deep.equal(Object.values(processIdOfTemplate).map((id) => `${id}.bpmn`).sort());
  });

  for (const file of bpmnFiles) {
    it(`${file} passes every publishing check (Camunda 8.5 lint, handlers, assignments, FEEL, DI, supported elements)`, async () => {
      const result = await validateBpmn(readFileSync(workflowsDir + file, 'utf8'), { jobTypes: new Set(hallJobTypes) });
      expect(result.processes.map((p) => p.processId)).to.deep.equal([file.replace(/\.bpmn$/, '')]);
      expect(result.warnings.filter(caseOnly(file))).to.deep.equal([]);
    });
  }

  it('uses exactly the hall job types listed in job-types.ts (the element templates\' list), each at least once', async () => {
    const used = new Set<string>();
    for (const file of bpmnFiles) {
      for (const node of await flowNodesOf(file)) {
        const type = extension(node, 'zeebe:TaskDefinition')?.get('type');
        if (typeof type === 'string') used.add(type);
      }
    }
    expect([...used].sort()).to.deep.equal([...hallJobTypes].sort());
  });

  it('has a worker registered in the hall for every job type the workflows use, and no worker without one', async () => {
    const used = new Set<string>();
    for (const file of bpmnFiles) {
      for (const node of await flowNodesOf(file)) {
        const type = extension(node, 'zeebe:TaskDefinition')?.get('type');
        if (typeof type === 'string') used.add(type);
      }
    }
    const db = await testDatabase('hall_job_types');
    try {
      // The real engine, observed: every registerWorker call of the hall's composition is recorded.
      const engine = createEngine({ db });
      const registered: string[] = [];
      const observed = new Proxy(engine, {
        get(target, property) {
          if (property === 'registerWorker') {
            return (...args: Parameters<WorkflowEngine['registerWorker']>) => { registered.push(args[0]); target.registerWorker(...args); };
          }
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      composeHall({
        config: testConfig, db, logger: createLogger('silent'), tokens: new TokenService(testConfig), health: {}, engine: observed, sweepEveryMs: 0,
        documents: { renderer: new ChromiumPdfRenderer(new SharedBrowser('/usr/bin/chromium')), publicBaseUrl: 'http://127.0.0.1:3000' },
      });
      expect([...new Set(registered)].sort()).to.deep.equal([...used].sort());
      expect([...hallJobTypes].sort()).to.deep.equal([...used].sort());
    } finally {
      await db.dropDatabase();
      await db.close();
    }
  });

  it('has an element template for every hall job type and the approver task, bound to the right element type', () => {
    const serviceTemplates = templates.filter((t) => t.elementType.value === 'bpmn:ServiceTask');
    expect(serviceTemplates.map(jobTypeOfTemplate).sort()).to.deep.equal([...hallJobTypes].sort());
    for (const t of serviceTemplates) expect(t.id).to.equal(`onewindow.${jobTypeOfTemplate(t)}`);
    expect(templateById.get('onewindow.approverTask')?.elementType.value).to.equal('bpmn:UserTask');
    for (const t of templates) {
      expect(t.version, t.id).to.be.a('number');
      expect(t.appliesTo, t.id).to.deep.equal(['bpmn:Task']);
      expect(t.name, t.id).to.match(/[\u4e00-\u9fff]/);
    }
  });

  it('writes every element template in the Camunda 8 element-template schema the modeler validates against', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(templateSchemaFile, 'utf8')));
    for (const template of templates) {
      expect(validate(template), `${template.id}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
  });

  it('binds every templated task to an existing template of its type, with header values the template offers', async () => {
    let templated = 0;
    for (const file of bpmnFiles) {
      for (const node of await flowNodesOf(file)) {
        const templateId = node.get('zeebe:modelerTemplate') as string | undefined;
        if (!templateId) continue;
        templated += 1;
        const template = templateById.get(templateId);
        expect(template, `${file} ${node.id} names ${templateId}`).to.not.equal(undefined);
        expect(node.$type, `${file} ${node.id}`).to.equal(template!.elementType.value);
        const jobType = extension(node, 'zeebe:TaskDefinition')?.get('type');
        if (jobType !== undefined) expect(jobType, `${file} ${node.id}`).to.equal(jobTypeOfTemplate(template!));
        for (const [key, value] of headersOf(node)) {
          const property = template!.properties.find((p) => p.binding.type === 'zeebe:taskHeader' && p.binding.key === key);
          if (property?.choices) expect(property.choices.map((c) => c.value), `${file} ${node.id} header ${key}`).to.include(value);
        }
      }
    }
    expect(templated).to.be.greaterThan(50);
  });

  it('names every element in Chinese and keeps ids English', async () => {
    for (const file of bpmnFiles) {
      for (const node of await flowNodesOf(file)) {
        expect(node.id, file).to.match(/^[A-Za-z][A-Za-z0-9_-]*$/);
        if (node.$instanceOf('bpmn:Activity')) expect(node.name, `${file} ${node.id}`).to.match(/[\u4e00-\u9fff]/);
      }
    }
  });
});
