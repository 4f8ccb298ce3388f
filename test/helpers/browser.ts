/**
 * What the browser tests share: Debian's Chromium started headless the way this machine
 * allows, logging in through the form with a watch on page errors and failed API calls, a GET
 * of the API from inside a page, picking an option of an antd Select, and waiting out antd's
 * motions.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (CI installs it with apt); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts Chromium headless. Without the background-networking flags it keeps trying to reach
 * Google's hosts, which this machine's closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A GET of the API from inside the page, with its session cookie. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const answer = await page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as unknown };
  }, path);
  if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/**
 * Waits until antd's open motion of an element (a modal's zoom, a dropdown's slide) is over:
 * rc-motion's classes are gone and nothing animates. A click while the element is still
 * scaling in can land beside the button it aimed at and be lost.
 */
export async function settled(locator: Locator): Promise<void> {
  await expect
    .poll(
      () =>
        locator.evaluate((element) => {
          const motion = element as unknown as {
            className: string;
            getAnimations(options: { subtree: boolean }): { playState: string }[];
          };
          const moving = /-(enter|appear|leave)(-start|-active)?(\s|$)/.test(motion.className);
          return !moving && motion.getAnimations({ subtree: true }).every((a) => a.playState !== 'running');
        }),
      { timeout: 10_000 },
    )
    .toBe(true);
}

/** What a test's pages went through: the contexts to close after it, and what went wrong. */
export interface PageWatch {
  contexts: BrowserContext[];
  /** Uncaught errors of the pages, each after the username. */
  pageErrors: string[];
  /** API answers of 400 and above, to explain a failed step. */
  failedCalls: string[];
}

/** An empty watch. */
export function createPageWatch(): PageWatch {
  return { contexts: [], pageErrors: [], failedCalls: [] };
}

/**
 * A fresh context (zh-CN, Beijing time, `context` options such as a phone's) logged in as
 * `username` through the login form with the password the server printed; its page errors and
 * failed API calls go to `watch`.
 */
export async function login(options: {
  browser: Browser | undefined;
  server: { url: string; logins: Record<string, string> } | undefined;
  watch: PageWatch;
  username: string;
  context?: BrowserContextOptions;
}): Promise<Page> {
  const { browser, server, watch, username } = options;
  if (!server || !browser) throw new Error('setup failed');
  const password = server.logins[username];
  if (!password) throw new Error(`no demo login printed for ${username}`);
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options.context });
  watch.contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => watch.pageErrors.push(`${username}: ${error.message}`));
  page.on('response', (response) => {
    // Before the login the shell asks who is logged in and is told 401: expected.
    const beforeLogin = response.status() === 401 && response.url().endsWith('/api/auth/me');
    if (response.status() >= 400 && response.url().includes('/api/') && !beforeLogin) {
      watch.failedCalls.push(`${username}: ${response.request().method()} ${response.url()} → ${response.status()}`);
    }
  });
  await page.goto(`${server.url}/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
  return page;
}

/**
 * Picks the option of an antd Select whose text contains `text`: opens it (typing `search`
 * first, to filter a long list), waits out the dropdown's motion and clicks the option.
 */
export async function pickOption(select: Locator, text: string, options: { search?: string } = {}): Promise<void> {
  await select.click();
  if (options.search !== undefined) await select.page().keyboard.type(options.search);
  const dropdown = select.page().locator('.ant-select-dropdown:visible');
  const option = dropdown.locator('.ant-select-item-option', { hasText: text }).first();
  await option.waitFor({ state: 'visible', timeout: 15_000 });
  await settled(dropdown);
  await option.click();
}
