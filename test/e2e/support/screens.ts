import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where the browser suites leave their screenshots (git-ignored; created on demand). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-results', 'screenshots');

/**
 * Screenshots the page at desktop (1400 px) and phone (390 px) widths, and returns how wide the document is at
 * 390 px: anything above 390 means the page scrolls sideways on a phone.
 */
export async function screenshotWidths(page: Page, name: string): Promise<{ phoneScrollWidth: number }> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-1400.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // a string, evaluated in the page: this project's TypeScript has no DOM types
  const phoneScrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  return { phoneScrollWidth };
}
