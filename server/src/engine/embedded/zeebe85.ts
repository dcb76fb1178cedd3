/**
 * What Zeebe 8.5 — the engine the compose file pins, and the semantic reference — refuses or does not
 * have, refused here at deploy too, so a process that deploys on the embedded executor deploys and
 * runs the same on Zeebe 8.5.
 */
import { EngineInvalid } from '../errors.ts';
import type { Node } from './model.ts';

interface ModdleElement { id: string; outgoing?: unknown[]; extensionElements?: { values?: Array<{ $type: string; bindingType?: string }> } }

const refuse = (elementId: string, en: string, zh: string) => new EngineInvalid({
  code: 'UNSUPPORTED_BY_ZEEBE_8_5', zh: `流程元素 ${elementId}：${zh}`, en: `Element ${elementId}: ${en}`, fields: [{ field: elementId, message: en }],
});

/** Checks one element as parsed (before its flows are joined up). */
export function refuseElementUnlikeZeebe85(el: ModdleElement, type: string): void {
  if (type === 'eventBasedGateway' && (el.outgoing?.length ?? 0) < 2) {
    // Zeebe reads a gateway's flows from its <bpmn:outgoing> references, not from the flows' sourceRef.
    throw new EngineInvalid({
      code: 'MISSING_OUTGOING_REFERENCES',
      zh: `事件网关 ${el.id} 需要至少两条出口顺序流，并在网关中以 <bpmn:outgoing> 引用（Zeebe 否则拒绝部署）`,
      en: `Event-based gateway ${el.id} must have at least 2 outgoing sequence flows listed as <bpmn:outgoing> references (Zeebe refuses it otherwise)`,
      fields: [{ field: el.id, message: 'missing <bpmn:outgoing> references' }],
    });
  }
  const called = el.extensionElements?.values?.find((v) => v.$type === 'zeebe:CalledElement');
  if (type === 'callActivity' && called?.bindingType && called.bindingType !== 'latest') {
    throw refuse(el.id, `bindingType "${called.bindingType}" needs Zeebe 8.6+; Zeebe 8.5 always calls the latest version`, `绑定类型 ${called.bindingType} 需要 Zeebe 8.6 及以上；Zeebe 8.5 总是调用最新版本`);
  }
}

/** Checks the joined-up graph: an inclusive gateway that joins (several incoming flows) exists in Zeebe 8.6+ only. */
export function refuseGraphUnlikeZeebe85(nodes: Record<string, Node>): void {
  for (const n of Object.values(nodes)) {
    if (n.type === 'inclusiveGateway' && n.incoming.length > 1) {
      throw refuse(n.id, 'a joining inclusive gateway needs Zeebe 8.6+ (8.5 only forks)', '汇聚的包容网关需要 Zeebe 8.6 及以上（8.5 只支持分支）');
    }
  }
}
