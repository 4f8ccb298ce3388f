/**
 * What the browser tests share: Debian's Chromium started headless the way this machine
 * allows, a GET of the API from inside a page, and waiting out antd's motions.
 */
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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
