import { hallTemplates } from './templates.ts';

interface Shape { id: string; type: string; businessObject: { $instanceOf(type: string): boolean } }
interface PopupMenu { registerProvider(id: string, priority: number, provider: object): void }
interface ElementTemplates { applyTemplate(element: Shape, template: object): Shape }

/** The type a template's task becomes (its `elementType`; applying the template replaces the element). */
const targetType = (template: Record<string, unknown>) => (template.elementType as { value?: string } | undefined)?.value ?? 'bpmn:Task';

/**
 * The hall's steps (收件, 转办, 审批人任务, 用印, 缮证, 发证, 通知, 生成文书) at the top of the replace
 * menu of a task, so staff pick a step rather than type a job type.
 */
class HallTemplateMenu {
  static $inject = ['popupMenu', 'elementTemplates'];

  constructor(popupMenu: PopupMenu, private readonly elementTemplates: ElementTemplates) {
    popupMenu.registerProvider('bpmn-replace', 2000, this);
  }

  getPopupMenuEntries(element: Shape) {
    if (!element.businessObject.$instanceOf('bpmn:Task')) return {};
    const entries: Record<string, object> = {};
    for (const template of hallTemplates) {
      entries[`hall-template-${String(template.id)}`] = {
        label: String(template.name).replace(/（.*）$/, ''),
        className: targetType(template) === 'bpmn:UserTask' ? 'bpmn-icon-user-task' : 'bpmn-icon-service-task',
        group: { id: 'hall-templates', name: '一窗通办环节' },
        action: () => this.elementTemplates.applyTemplate(element, template),
      };
    }
    return entries;
  }
}

export const hallTemplateMenuModule = { __init__: ['hallTemplateMenu'], hallTemplateMenu: ['type', HallTemplateMenu] };
