import type { Page } from 'puppeteer-core';
import { hashPassword, userModel, type Role } from '../../src/auth/index.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-users.ts';
import type { TestHall } from '../hall.ts';

/** Words allowed in the modeler's visible text: names of standards and products, not labels. */
const allowedLatin = /^(BPMN|DMN|FEEL|JSON|ISO|UTC|SVG|PNG|Shift|Ctrl|Delete|QName|Java|cron|Camunda)$/;

/** Latin words in `texts` that are labels (not a standard's name, not an element id shown on the canvas). */
export async function latinWords(page: Page, texts: string[]): Promise<string[]> {
  const ids = new Set(await page.evaluate(() => [...document.querySelectorAll('[data-element-id]')].map((e) => e.getAttribute('data-element-id')!)));
  return [...new Set(texts.flatMap((text) => text.match(/[A-Za-z][A-Za-z-]{2,}/g) ?? []).filter((w) => !allowedLatin.test(w) && !ids.has(w)))];
}

/** Visible Latin words in the palette, context pad, popup menus, properties panel and lint controls (ids and values in inputs are not labels). */
export async function englishLabels(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    for (const root of document.querySelectorAll('.djs-palette, .djs-context-pad, .djs-popup-parent, .djs-popup, .bio-properties-panel-header, .bio-properties-panel-group-header, .bio-properties-panel-label, .bjsl-button, .bts-toggle-mode')) {
      for (const element of [root, ...root.querySelectorAll('*')] as HTMLElement[]) {
        if (element.offsetParent === null && getComputedStyle(element).position !== 'fixed') continue;
        const title = element.getAttribute('title');
        if (title) out.push(title);
        for (const node of element.childNodes) if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) out.push(node.textContent!.trim());
      }
    }
    return out;
  });
  return latinWords(page, texts);
}

/** Given: a member of staff the seed does not have (a second designer, an admin of 公安), with the demo password. */
export async function staffUser(t: TestHall, username: string, roles: Role[], departmentCode?: string): Promise<void> {
  const users = userModel(t.hall.services.intake!.cases.db);
  if (await users.exists({ username })) return;
  await users.create({ username, displayName: username, roles, ...(departmentCode ? { departmentCode } : {}), passwordHash: await hashPassword(DEMO_PASSWORD) });
}

/** The centre of an element on the canvas, in page coordinates. */
export async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.$eval(selector, (el) => { const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
  return box;
}
