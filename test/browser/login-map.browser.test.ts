/**
 * The web shell end to end in a real browser: log in through the form, open 区域与网格,
 * pick the town 瓜沥镇 in the tree, wait for its map, click a polygon and see the drawer.
 * Runs against the real server with the demo district and the built web/dist.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../helpers/browser.js';
import { startTestServer } from '../helpers/test-server.js';

const TOWN = '瓜沥镇';
const SCREENSHOT = 'test-results/region-map.png';

/** Clicks the canvas at fractions of its size and reports whether the region drawer opened. */
async function clickOpensDrawer(page: Page, box: { x: number; y: number; width: number; height: number }, fx: number, fy: number) {
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  try {
    await page.locator('[data-testid=region-drawer]').waitFor({ state: 'visible', timeout: 3_000 });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!existsSync(CHROMIUM))('login and region map in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in, shows the grids of 瓜沥镇 on the map, opens a clicked region and reads its indicators', async () => {
    if (!server || !browser) throw new Error('setup failed');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // An unknown session lands on the login form.
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByText('数智 · 基层治理平台').first().waitFor({ state: 'visible', timeout: 30_000 });

    await page.getByPlaceholder('用户名').fill(server.credentials.username);
    await page.getByPlaceholder('密码').fill(server.credentials.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/regions/, { timeout: 30_000 });

    await page.getByRole('menuitem', { name: '区域与网格' }).click();
    const town = page.locator('[data-testid=region-tree]').getByText(TOWN, { exact: true }).first();
    await town.waitFor({ state: 'visible', timeout: 30_000 });
    await town.click();

    const map = page.locator(`[data-testid=region-map][data-region-name="${TOWN}"][data-state=ready]`);
    const canvas = map.locator('canvas').first();
    await canvas.waitFor({ state: 'visible', timeout: 60_000 });
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    const box = await canvas.boundingBox();
    expect(box).not.toBeNull();
    if (!box) return;
    // The centre first; a town's outline can leave its bounding box's centre in a gap
    // between grids, so a few points around it are tried before failing.
    const points: [number, number][] = [
      [0.5, 0.5],
      [0.45, 0.45],
      [0.55, 0.55],
      [0.45, 0.55],
      [0.55, 0.45],
      [0.4, 0.5],
      [0.6, 0.5],
    ];
    let opened = false;
    for (const [fx, fy] of points) {
      opened = await clickOpensDrawer(page, box, fx, fy);
      if (opened) break;
    }
    expect(opened).toBe(true);
    const drawer = page.locator('[data-testid=region-drawer]');
    await drawer.getByText('编码').first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await drawer.isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);

    // The indicators of 瓜沥镇: the status table with targets, ranks and ratings.
    await page.goto(`${server.url}/indicators?region=330109112`);
    const investment = page.getByRole('row').filter({ hasText: '工业投资' }).first();
    await investment.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await investment.textContent()).toMatch(/增长16%以上/);
    expect(await investment.textContent()).toMatch(/[1-6]\/6/);
    await page.screenshot({ path: SCREENSHOT.replace('region-map', 'indicators'), fullPage: false });
    await investment.getByText('工业投资').first().click();
    await page.waitForURL(/\/indicators\/GYTZ/, { timeout: 15_000 });
    await page.locator('canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
