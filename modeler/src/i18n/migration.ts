/** 流程实例迁移 (moving running cases to another version): zh-CN and en under one root key. */
export default {
  'zh-CN': {
    migration: {
      menu: '办件迁移', title: '运行中办件迁移', link: '迁移运行中的办件', process: '流程', source: '源版本', target: '目标版本',
      preview: '预览', previewAgain: '按映射重新预览', mapping: '元素映射', mappingHint: '按元素标识预先填好；改名的环节请选择新版本中的对应元素', sourceElement: '源版本元素',
      targetElement: '目标版本元素', unmapped: '不映射', type: '类型', cases: '运行中的办件', caseNumber: '办件编号', applicant: '申请人', currentStep: '当前环节',
      canMove: '能否迁移', movable: '可迁移', notMovable: '不可迁移', why: '原因', migrate: '迁移所选办件', selected: '已选 {n} 件', results: '迁移结果', result: '结果',
      outcome: { moved: '已迁移', alreadyMoved: '此前已迁移', refused: '未迁移' }, noCases: '该版本没有运行中的办件', partial: '引擎只能看到人工环节，其余由引擎在迁移时检查',
      showAll: '显示全部元素（默认只列出办件停留、改名或未映射的元素）',
      types: {
        userTask: '人工环节', serviceTask: '自动环节', sendTask: '发送任务', businessRuleTask: '规则任务', receiveTask: '等待消息', manualTask: '手工任务', task: '任务',
        callActivity: '调用子流程', subProcess: '子流程', intermediateCatchEvent: '等待事件', boundaryEvent: '边界事件', eventBasedGateway: '事件网关', parallelGateway: '并行网关', inclusiveGateway: '包容网关',
      },
      pick: '选择办件 {n}', pickVersions: '请选择不同的源版本与目标版本',
    },
  },
  en: {
    migration: {
      menu: 'Case migration', title: 'Move running cases', link: 'Move running cases', process: 'Process', source: 'Source version', target: 'Target version',
      preview: 'Preview', previewAgain: 'Preview with this mapping', mapping: 'Element mapping', mappingHint: 'Pre-filled by element id; pick the new element for a renamed step', sourceElement: 'Source element',
      targetElement: 'Target element', unmapped: 'Not mapped', type: 'Type', cases: 'Running cases', caseNumber: 'Case number', applicant: 'Applicant', currentStep: 'Current step',
      canMove: 'Can move', movable: 'Can move', notMovable: 'Cannot move', why: 'Why', migrate: 'Migrate selected cases', selected: '{n} selected', results: 'Results', result: 'Outcome',
      outcome: { moved: 'Moved', alreadyMoved: 'Moved before', refused: 'Not moved' }, noCases: 'No running cases on this version', partial: 'The engine sees only human steps; it checks the rest when moving',
      showAll: 'Show every element (by default only those a case stands at, renamed or unmapped)',
      types: {
        userTask: 'Human step', serviceTask: 'Automatic step', sendTask: 'Send task', businessRuleTask: 'Rule task', receiveTask: 'Waits for a message', manualTask: 'Manual task', task: 'Task',
        callActivity: 'Call activity', subProcess: 'Sub-process', intermediateCatchEvent: 'Waits for an event', boundaryEvent: 'Boundary event', eventBasedGateway: 'Event gateway', parallelGateway: 'Parallel gateway', inclusiveGateway: 'Inclusive gateway',
      },
      pick: 'Choose case {n}', pickVersions: 'Choose two different versions',
    },
  },
};
