import { ref } from 'vue';
import { api } from '../../api/client.ts';
import { i18n } from '../../i18n/index.ts';

type Named = { code: string; nameZh: string; nameEn: string };

/** Matter and department names by code, for the board's rows and filters (loaded once, beside the rows). */
export function useCatalogNames() {
  const matters = ref<Named[]>([]);
  const departments = ref<Named[]>([]);

  async function load(): Promise<void> {
    const all: Named[] = [];
    for (let page = 1; page <= 20; page++) {
      const answer = await api.get<{ items: Named[]; total: number }>('/api/matters', { query: { page, pageSize: 200 } });
      all.push(...answer.items);
      if (all.length >= answer.total || answer.items.length === 0) break;
    }
    matters.value = all;
    departments.value = (await api.get<{ items: Named[] }>('/api/departments')).items;
  }

  const nameOf = (x: Named | undefined) => (x ? (i18n.global.locale.value === 'en' ? x.nameEn : x.nameZh) : undefined);
  const matterName = (code: string | null) => nameOf(matters.value.find((m) => m.code === code)) ?? code ?? '';
  const departmentName = (code: string) => nameOf(departments.value.find((d) => d.code === code)) ?? code;
  return { matters, departments, load, matterName, departmentName, nameOf };
}
