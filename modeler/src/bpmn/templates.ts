// The hall's element templates (收件, 转办, 审批人任务, 用印, 缮证, 发证, 通知, 生成文书), the same files
// the server's workflows test checks against the workflows.
const files = import.meta.glob('../../../workflows/element-templates/*.json', { eager: true, import: 'default' });

/**
 * The templates as the modeler shows them: named in Chinese only — the job type the files carry in
 * the name (通知（notify）) is for the workflows' readers, and is shown in the panel's 作业 group.
 */
export const hallTemplates: Array<Record<string, unknown>> = Object.values(files)
  .flatMap((t) => (Array.isArray(t) ? t : [t]) as Array<Record<string, unknown>>)
  .map((template) => ({ ...template, name: String(template.name).replace(/（[^）]*）$/, '') }));
