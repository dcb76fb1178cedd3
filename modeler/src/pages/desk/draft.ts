import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';

const KEY = 'onewindow.desk.draft';

export interface DeskDraft {
  matterCode: string;
  applicant: { kind: 'person' | 'organisation'; name: string; idNumber: string; uscc: string };
  contact: { name: string; phone: string };
  provided: Record<string, boolean>;
  outcome: string;
  correctionProblems: Record<string, string>;
  refusalReasons: string;
  competentBody: string;
  commitmentSigner: string;
  /** Sent as Idempotency-Key: one per application, so a double click or a retry creates one case. */
  idempotencyKey: string;
}

const blank = (): DeskDraft => ({
  matterCode: '',
  applicant: { kind: 'person', name: '', idNumber: '', uscc: '' },
  contact: { name: '', phone: '' },
  provided: {},
  outcome: '',
  correctionProblems: {},
  refusalReasons: '',
  competentBody: '',
  commitmentSigner: '',
  idempotencyKey: crypto.randomUUID(),
});

/**
 * The application being received, kept in the tab's sessionStorage as it is typed: an expired
 * session, a reload or a look at another page loses nothing.
 */
export const useDeskDraft = defineStore('deskDraft', () => {
  const saved = sessionStorage.getItem(KEY);
  const draft = reactive<DeskDraft>(saved ? { ...blank(), ...(JSON.parse(saved) as DeskDraft) } : blank());
  watch(draft, (value) => sessionStorage.setItem(KEY, JSON.stringify(value)), { deep: true });

  function reset() {
    Object.assign(draft, blank());
  }

  function chooseMatter(code: string) {
    if (draft.matterCode === code) return;
    Object.assign(draft, { matterCode: code, provided: {}, outcome: '', correctionProblems: {} });
  }

  return { draft, reset, chooseMatter };
});
