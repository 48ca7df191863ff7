import type { Page } from 'playwright-core';
import { NewUser, UsersService } from '../../../src/auth/users.service';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { createTestApp, TestApp } from '../../support/app';
import { launchBrowser, TestBrowser } from './browser';

/** A provincial monitor for Guangdong, as several browser suites log in. */
export const GD_MONITOR: NewUser = {
  username: 'gd-monitor',
  displayName: '陈静',
  role: 'monitor',
  bureauCode: '44',
  password: 'gd-monitor-pass-1',
};

/** The whole application and one headless Chromium, started side by side. */
export function startAppAndBrowser(): Promise<[TestApp, TestBrowser]> {
  // The browser judges the session cookie's Expires by its own (real) clock, so the app's clock starts at real time.
  return Promise.all([createTestApp({ clock: new FakeClock(new Date()) }), launchBrowser()]);
}

/** Creates each user through UsersService, as an administrator would. */
export async function createUsers(t: TestApp, users: NewUser[]): Promise<void> {
  const service = t.get(UsersService);
  for (const user of users) await service.create(user, null);
}

/**
 * Logs in through the form: starts logged out (one browser profile serves the whole file), opens `start` (a console
 * page, which sends a visitor to the login form), submits, and waits until the browser's URL matches `landed`.
 */
export async function logInThroughForm(
  browser: TestBrowser,
  page: Page,
  start: string,
  username: string,
  password: string,
  landed: Parameters<Page['waitForURL']>[0],
): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(start);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(landed), page.click('button[type=submit]')]);
}
