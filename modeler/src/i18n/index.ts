import { createI18n } from 'vue-i18n';
import board from './board.ts';
import bundles from './bundles.ts';
import en from './en.ts';
import zhCN from './zh-CN.ts';
import dashboard from './dashboard.ts';
import processDesign from './process-design.ts';
import queue from './queue.ts';
import task from './task.ts';
import hotline from './hotline.ts';
import migration from './migration.ts';
import simpleDesigner from './simple-designer.ts';

const LOCALE_KEY = 'onewindow.locale';
/** Each page group keeps its messages in its own file, under its own root key. */
const features = [board, task, processDesign, queue, dashboard, hotline, bundles, migration, simpleDesigner];

/** Every visible string goes through here; zh-CN is the language of the hall, English the second. */
export const i18n = createI18n({
  legacy: false,
  locale: localStorage.getItem(LOCALE_KEY) ?? 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': Object.assign({}, zhCN, ...features.map((f) => f['zh-CN'])),
    en: Object.assign({}, en, ...features.map((f) => f.en)),
  },
});

export function setLocale(locale: 'zh-CN' | 'en'): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(LOCALE_KEY, locale);
}

/** A server `{ zh, en }` pair in the current language. */
export function pick(text: { zh: string; en: string } | undefined): string {
  if (!text) return '';
  return i18n.global.locale.value === 'en' ? text.en : text.zh;
}
