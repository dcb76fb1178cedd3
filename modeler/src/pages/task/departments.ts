import { ref } from 'vue';
import { api } from '../../api/client.ts';

/** Department names by code (the catalogue, read by all staff), loaded once per page visit. */
export function useDepartmentNames() {
  const names = ref<Record<string, string>>({});
  void api.get<Array<{ code: string; nameZh: string }> | { items: Array<{ code: string; nameZh: string }> }>('/api/departments')
    .then((answer) => { names.value = Object.fromEntries((Array.isArray(answer) ? answer : answer.items).map((d) => [d.code, d.nameZh])); })
    .catch(() => undefined);
  const roles: Record<string, string> = { issuingClerk: '出证窗口', windowClerk: '综合窗口' };
  /** `dept:zjj` → 中卫市住房和城乡建设局, `issuingClerk` → 出证窗口, `user:x` → x. */
  const holderName = (holder: string) => (holder.startsWith('dept:') ? names.value[holder.slice(5)] ?? holder.slice(5) : holder.startsWith('user:') ? holder.slice(5) : roles[holder] ?? holder);
  return { names, holderName };
}
