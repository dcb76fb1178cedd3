import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The case the desk received last, offered when the window finishes the ticket it called (叫号 → 受理). */
export const useQueueDesk = defineStore('queueDesk', () => {
  const lastCaseNumber = ref('');
  return { lastCaseNumber };
});
