/** The app as a user gets it: the vite dev server on a free port, and headless Chromium pointed at it. */
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
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

/**
 * The app for the tests of one file: opened before the first, closed after the last. Read `url` and `browser`
 * inside a test (or a hook after this one), once it is open.
 */
export function useApp(): Pick<AppSession, 'url' | 'browser'> {
  let session: AppSession | undefined;
  beforeAll(async () => {
    session = await openApp();
  });
  afterAll(async () => {
    await session?.close();
  });
  const open = (): AppSession => {
    if (!session) throw new Error('the app opens before the first test: read it inside a test');
    return session;
  };
  return {
    get url() {
      return open().url;
    },
    get browser() {
      return open().browser;
    },
  };
}
