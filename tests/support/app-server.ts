/** The app as a user gets it: the vite dev server on a free port, and headless Chromium pointed at it. */
import { chromium, type Browser } from 'playwright';
import { createServer, type ViteDevServer } from 'vite';
import { browserArgs, browserPath } from '../../src/cli/browser.ts';

export interface AppSession {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function openApp(): Promise<AppSession> {
  const server: ViteDevServer = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  await server.listen();
  const address = server.httpServer!.address();
  if (!address || typeof address === 'string') throw new Error('vite: no port to open the app on');
  const browser = await chromium.launch({ executablePath: browserPath, args: browserArgs, headless: true });
  return {
    url: `http://127.0.0.1:${address.port}/`,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
