/** 流程设计 (modeler, versions, review): zh-CN and en under one root key. */
export default {
  'zh-CN': {
    design: {
      menu: '流程设计', versions: '流程版本', process: '流程', draft: '草稿', open: '打开', newProcess: '新建流程',
      saveDraft: '保存草稿', check: '校验', submit: '提交审核', publish: '审核发布', reject: '退回修改', undo: '撤销', redo: '重做',
      exportBpmn: '导出 BPMN', exportSvg: '导出 SVG', exportPng: '导出 PNG', comment: '说明（必填）', commentHint: '本次修改的原因',
      checkOk: '校验通过：可以提交审核', problems: '{n} 处问题', saved: '草稿已保存', submitted: '已提交审核', published: '已发布为第 {v} 版',
      rejected: '已退回修改', status: { draft: '草稿', submitted: '待审核', rejected: '已退回修改', published: '已发布' },
      version: '版本', author: '起草人', reviewer: '审核发布人', when: '时间', why: '说明', changes: '变更', added: '新增 {n}', removed: '删除 {n}', changed: '修改 {n}',
      compare: '对比', rollback: '回退到此版本', left: '旧版本', right: '新版本', drafts: '草稿与审核', updated: '更新时间', keys: '快捷键：Ctrl+Z 撤销，Ctrl+Y 重做，Ctrl+A 全选，Delete 删除',
      changedProperties: '变更的元素', nothing: '暂无', pick: '选择流程',
    },
  },
  en: {
    design: {
      menu: 'Process design', versions: 'Process versions', process: 'Process', draft: 'Draft', open: 'Open', newProcess: 'New process',
      saveDraft: 'Save draft', check: 'Check', submit: 'Submit for review', publish: 'Review and publish', reject: 'Send back', undo: 'Undo', redo: 'Redo',
      exportBpmn: 'Export BPMN', exportSvg: 'Export SVG', exportPng: 'Export PNG', comment: 'Comment (required)', commentHint: 'Why this change',
      checkOk: 'Checks passed: ready for review', problems: '{n} problem(s)', saved: 'Draft saved', submitted: 'Submitted for review', published: 'Published as version {v}',
      rejected: 'Sent back', status: { draft: 'Draft', submitted: 'Awaiting review', rejected: 'Sent back', published: 'Published' },
      version: 'Version', author: 'Author', reviewer: 'Published by', when: 'When', why: 'Comment', changes: 'Changes', added: '{n} added', removed: '{n} removed', changed: '{n} changed',
      compare: 'Compare', rollback: 'Roll back to this version', left: 'Older', right: 'Newer', drafts: 'Drafts and review', updated: 'Updated', keys: 'Keys: Ctrl+Z undo, Ctrl+Y redo, Ctrl+A select all, Delete remove',
      changedProperties: 'Changed elements', nothing: 'None', pick: 'Choose a process',
    },
  },
};
