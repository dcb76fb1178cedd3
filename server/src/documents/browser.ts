import puppeteer, { type Browser } from 'puppeteer-core';
import { fontconfigFile } from './fonts.ts';

/** Flags for a headless Chromium that never talks to the network on its own account. */
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-extensions', '--disable-default-apps', '--mute-audio',
];

/**
 * One long-lived Chromium shared by everything that renders. Launched on first use; relaunched if
 * it dies. `close()` ends it. Connected over a pipe (not a WebSocket): Chromium exits when the
 * pipe closes, so a server killed with SIGKILL leaves no browser behind (a WebSocket-connected one
 * lives on, parented to init, ~200 MB with its renderers).
 */
export class SharedBrowser {
  private launching?: Promise<Browser>;

  constructor(private readonly executablePath: string) {}

  get(): Promise<Browser> {
    if (!this.launching) {
      this.launching = puppeteer.launch({
        executablePath: this.executablePath, args: chromiumArgs, headless: true, pipe: true,
        // the documents' TrueType system faces (assets/fonts); see fonts.ts
        env: { ...process.env, FONTCONFIG_FILE: fontconfigFile },
      })
        .then((browser) => {
          browser.once('disconnected', () => { this.launching = undefined; });
          return browser;
        });
      this.launching.catch(() => { this.launching = undefined; });
    }
    return this.launching;
  }

  async version(): Promise<string> {
    return (await this.get()).version();
  }

  async close(): Promise<void> {
    const pending = this.launching;
    this.launching = undefined;
    if (pending) await (await pending).close().catch(() => undefined);
  }
}
