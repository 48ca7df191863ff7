import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Screenshots for people reviewing the layout (issue 13); git-ignored, rewritten by every run. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-results', 'screenshots');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1400, height: 900 };

/** How far the page is wider than its viewport (0 when nothing overflows sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
}

/**
 * Screenshots the current page at 1400 px and at 390 px (named `<name>-1400.png`, `<name>-390.png`) and returns the
 * sideways overflow measured at 390 px; the page is left at the phone size.
 */
export async function shootBothWidths(page: Page, name: string): Promise<number> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-1400.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-390.png`), fullPage: true });
  return sidewaysOverflow(page);
}

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
