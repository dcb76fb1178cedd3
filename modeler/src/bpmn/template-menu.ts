import { hallTemplates } from './templates.ts';

interface Shape { id: string; type: string; businessObject: { $instanceOf(type: string): boolean } }
interface PopupMenu { registerProvider(id: string, priority: number, provider: object): void; open(target: object, id: string, position: { x: number; y: number; cursor?: string }, options?: object): void }
interface ElementTemplates { applyTemplate(element: Shape, template: object): Shape; createElement(template: object): Shape }
interface Registrar { registerProvider(priority: number, provider: object): void }

/** The type a template's task becomes (its `elementType`; applying the template replaces the element). */
const targetType = (template: Record<string, unknown>) => (template.elementType as { value?: string } | undefined)?.value ?? 'bpmn:Task';
const icon = (template: Record<string, unknown>) => (targetType(template) === 'bpmn:UserTask' ? 'bpmn-icon-user-task' : 'bpmn-icon-service-task');
const steps = hallTemplates.filter((t) => ((t.appliesTo as string[] | undefined) ?? []).includes('bpmn:Task'));
const group = { id: 'hall-templates', name: '一窗通办环节' };
/** Elements a step can follow: not an end event, not a flow. */
const appendable = (element: Shape) => element.businessObject.$instanceOf('bpmn:FlowNode') && !element.businessObject.$instanceOf('bpmn:EndEvent');

/**
 * The hall's steps (收件, 转办, 审批人任务, 用印, 缮证, 发证, 通知, 生成文书) offered first, so staff pick
 * a step rather than type a job type: at the top of a task's replace menu, as the palette's first
 * entry (新建办理环节: a menu of steps, the chosen one follows the mouse onto the canvas or onto a flow),
 * and as the context pad's first entry (追加办理环节: the chosen step is placed after the element).
 */
class HallTemplateMenu {
  static $inject = ['popupMenu', 'elementTemplates', 'palette', 'contextPad', 'create', 'autoPlace', 'canvas'];

  constructor(
    private readonly popupMenu: PopupMenu, private readonly elementTemplates: ElementTemplates, palette: Registrar, contextPad: Registrar & { getPad(element: Shape): { html: HTMLElement } },
    private readonly create: { start(event: Event, shape: Shape, context?: object): void }, private readonly autoPlace: { append(source: Shape, shape: Shape): void },
    private readonly canvas: { getRootElement(): Shape },
  ) {
    popupMenu.registerProvider('bpmn-replace', 2000, { getPopupMenuEntries: (element: Shape) => this.replaceEntries(element) });
    popupMenu.registerProvider('hall-create', 1000, { getPopupMenuEntries: () => this.entries((template) => ({ click: (e: Event) => this.startCreate(e, template), dragstart: (e: Event) => this.startCreate(e, template) })) });
    popupMenu.registerProvider('hall-append', 1000, { getPopupMenuEntries: (source: Shape) => this.entries((template) => ({ click: () => this.autoPlace.append(source, this.elementTemplates.createElement(template)) })) });
    palette.registerProvider(2000, { getPaletteEntries: () => this.paletteEntries() });
    contextPad.registerProvider(2000, { getContextPadEntries: (element: Shape) => (appendable(element) ? this.padEntries(element, contextPad) : {}) });
  }

  private entries(action: (template: Record<string, unknown>) => object) {
    return Object.fromEntries(steps.map((template) => [`hall-template-${String(template.id)}`, { label: String(template.name), className: icon(template), group, action: action(template) }]));
  }

  private replaceEntries(element: Shape) {
    if (!element.businessObject.$instanceOf('bpmn:Task')) return {};
    return this.entries((template) => () => this.elementTemplates.applyTemplate(element, template));
  }

  private startCreate(event: Event, template: Record<string, unknown>) {
    this.create.start(event, this.elementTemplates.createElement(template));
  }

  private paletteEntries() {
    const title = '新建办理环节';
    return {
      'hall-create': {
        group: 'hall', className: 'bpmn-icon-service-task ow-hall-step', title,
        action: { click: (event: MouseEvent) => this.popupMenu.open(this.canvas.getRootElement(), 'hall-create', { x: event.clientX + 10, y: event.clientY, cursor: 'pointer' }, { title, width: 260, search: true }) },
      },
    };
  }

  private padEntries(element: Shape, contextPad: { getPad(element: Shape): { html: HTMLElement } }) {
    const title = '追加办理环节';
    return {
      'hall-append': {
        group: 'hall', className: 'bpmn-icon-service-task ow-hall-step', title,
        action: {
          click: () => {
            const rect = contextPad.getPad(element).html.getBoundingClientRect();
            this.popupMenu.open(element, 'hall-append', { x: rect.right + 5, y: rect.top, cursor: 'pointer' }, { title, width: 260, search: true });
          },
        },
      },
    };
  }
}

export const hallTemplateMenuModule = { __init__: ['hallTemplateMenu'], hallTemplateMenu: ['type', HallTemplateMenu] };
