import type { Page } from 'puppeteer-core';
import type { SharedBrowser } from './browser.ts';

/** Turns a full HTML page into PDF bytes. The one port documents need from a browser. */
export interface PdfRenderer {
  /** Renders an A4 PDF; throws when the browser fails (the page is then discarded). */
  render(html: string): Promise<Buffer>;
  close(): Promise<void>;
  /** Renders waiting for a free page (what intake's admission looks at); 0 when not known. */
  backlog?(): number;
}

export interface ChromiumRendererOptions {
  /** Pages kept open and reused (2 on a 2-core machine: one lays out while the other prints). */
  poolSize?: number;
  /** Called with every URL the page tried to load and that was refused (for tests and logs). */
  onRefused?: (url: string) => void;
}

/**
 * PDF rendering on one shared Chromium with a small pool of reused pages. Each page has JavaScript
 * disabled and request interception that refuses everything but `data:` URLs: a template is data,
 * and data can be hostile, so rendering never reaches the network or the file system.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private readonly size: number;
  private readonly idle: Page[] = [];
  private readonly waiters: Array<{ resolve: (page: Page) => void; reject: (error: unknown) => void }> = [];
  private created = 0;

  constructor(private readonly browser: SharedBrowser, private readonly options: ChromiumRendererOptions = {}) {
    this.size = options.poolSize ?? 2;
  }

  async render(html: string): Promise<Buffer> {
    const page = await this.acquire();
    let healthy = false;
    try {
      await page.setContent(html, { waitUntil: 'domcontentloaded', timeout: 15_000 });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, tagged: false, timeout: 15_000 });
      healthy = true;
      return Buffer.from(pdf);
    } finally {
      this.release(page, healthy);
    }
  }

  backlog(): number {
    return this.waiters.length;
  }

  async close(): Promise<void> {
    const pages = this.idle.splice(0);
    await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
  }

  private async acquire(): Promise<Page> {
    while (this.idle.length > 0) {
      const page = this.idle.pop()!;
      if (!page.isClosed() && page.browser().connected) return page;
      this.created--;
    }
    if (this.created < this.size) {
      this.created++;
      try {
        return await this.newPage();
      } catch (error) {
        this.created--;
        throw error;
      }
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(page: Page, healthy: boolean): void {
    if (!healthy) {
      this.created--;
      void page.close().catch(() => undefined);
      // the waiter gets a fresh page in place of the discarded one (or the launch error)
      const waiter = this.waiters.shift();
      if (waiter) this.acquire().then(waiter.resolve, waiter.reject);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(page);
    else this.idle.push(page);
  }

  private async newPage(): Promise<Page> {
    const browser = await this.browser.get();
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:')) {
        void request.continue();
      } else {
        this.options.onRefused?.(url);
        void request.abort('blockedbyclient');
      }
    });
    return page;
  }
}
