import type { HallWindow, Matter } from '@server/catalog/models.ts';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api } from '../api/client.ts';

export interface MatterEntry {
  matter: Matter;
  /** 拼音首字母 of the Chinese name, lower case: 建筑工程施工许可 → jzgcsgxk */
  initials: string;
}

interface Page<T> { items: T[]; total: number }

/**
 * The hall's catalogue as the front desk searches it: loaded once per session, with the pinyin
 * initials of every name (pinyin-pro, loaded with the desk only). A clerk at a category window
 * (企业开办, 公安…) sees only that category's matters; the comprehensive windows see all.
 */
export const useMatters = defineStore('matters', () => {
  const entries = shallowRef<MatterEntry[]>([]);
  const loaded = ref(false);
  const pinyinReady = ref(false);
  let loading: Promise<void> | undefined;

  async function fetchAll(): Promise<Matter[]> {
    const all: Matter[] = [];
    for (let page = 1; ; page++) {
      const answer = await api.get<Page<Matter>>('/api/matters', { query: { page, pageSize: 200 } });
      all.push(...answer.items);
      if (all.length >= answer.total || answer.items.length === 0) return all;
    }
  }

  async function windowCategory(windowNumber: string | undefined): Promise<string | undefined> {
    if (!windowNumber) return undefined;
    const { items } = await api.get<{ items: HallWindow[] }>('/api/windows');
    const found = items.find((w) => w.number === windowNumber);
    return found && found.group === 'categorized' ? found.category : undefined;
  }

  function load(windowNumber?: string): Promise<void> {
    loading ??= (async () => {
      const [matters, category] = await Promise.all([fetchAll(), windowCategory(windowNumber)]);
      // The list is searchable by name and code at once; pinyin-pro (a large dictionary, loaded with
      // the desk only) adds the initials a moment later.
      const mine = matters.filter((m) => !category || m.windowCategory === category);
      entries.value = mine.map((matter) => ({ matter, initials: '' }));
      loaded.value = true;
      const { pinyin } = await import('pinyin-pro');
      pinyinReady.value = true;
      entries.value = mine.map((matter) => ({ matter, initials: pinyin(matter.nameZh, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase() }));
    })().catch((error) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  /** Name, code or pinyin initials; the best matches first (initials or name starting with the query). */
  function search(query: string, limit = 20): MatterEntry[] {
    const q = query.trim().toLowerCase();
    if (!q) return entries.value.slice(0, limit);
    const scored = entries.value
      .map((e) => {
        const name = e.matter.nameZh;
        const score = e.initials.startsWith(q) || name.startsWith(q) || e.matter.code === q ? 2
          : e.initials.includes(q) || name.includes(q) || e.matter.code.includes(q) || e.matter.basicCode.includes(q) || e.matter.nameEn.toLowerCase().includes(q) ? 1 : 0;
        return { e, score };
      })
      .filter((x) => x.score > 0);
    return scored.sort((a, b) => b.score - a.score).slice(0, limit).map((x) => x.e);
  }

  function byCode(code: string): Matter | undefined {
    return entries.value.find((e) => e.matter.code === code)?.matter;
  }

  return { entries, loaded, pinyinReady, load, search, byCode };
});
