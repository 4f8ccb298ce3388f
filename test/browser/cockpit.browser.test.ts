/**
 * The cockpit in a real browser against the real server with the demo district: drill-down
 * district → town → … → grid and back up by the breadcrumb, a new case arriving live in an
 * open cockpit (no reload), the big screen at 1920×1080 and 3840×2160 without scrolling, and
 * the public portal without login (statistics, a report, its status, nothing personal).
 * Screenshots go to artifacts/screenshots/ (kept by CI).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/server-process.js';
import { apiGet, CHROMIUM, launchChromium } from '../helpers/browser.js';
import { parseDemoLogins } from '../helpers/test-server.js';

const SHOTS = 'artifacts/screenshots';
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
const PHONE_NUMBER = '13700001234';
/** First start loads the demo district (cases, projects, promises …): minutes on a busy machine. */
const START_TIMEOUT_MS = 360_000;

interface Server {
  url: string;
  credentials: { username: string; password: string };
  close(): Promise<void>;
}

/**
 * The real server from the sources with a fresh data directory, as test/helpers/test-server.ts
 * starts it but with a longer wait for the first start. SHUZHI_TEST_URL and
 * SHUZHI_TEST_ADMIN_PASSWORD point the test at a server that is already running instead.
 */
async function startServer(): Promise<Server> {
  const external = process.env.SHUZHI_TEST_URL;
  if (external) {
    return { url: external, credentials: { username: 'admin', password: process.env.SHUZHI_TEST_ADMIN_PASSWORD ?? '' }, close: async () => undefined };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'shuzhi-cockpit-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, SHUZHI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    const admin = parseDemoLogins(output).find((a) => a.username === 'admin');
    if (admin) return { url: `http://127.0.0.1:${port}`, credentials: { username: 'admin', password: admin.password }, close };
    if (child.exitCode !== null || Date.now() - started > START_TIMEOUT_MS) {
      await close();
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!existsSync(CHROMIUM))('the cockpit in Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function newPage(options: BrowserContextOptions): Promise<Page> {
    if (!browser) throw new Error('setup failed');
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  async function login(options: BrowserContextOptions): Promise<Page> {
    if (!server) throw new Error('setup failed');
    const page = await newPage(options);
    await page.goto(`${server.url}/login`);
    await page.getByPlaceholder('用户名').fill(server.credentials.username);
    await page.getByPlaceholder('密码').fill(server.credentials.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
    return page;
  }

  /**
   * Waits for the case list to show `n` cases in all: its pagination's 共 N 件, or for none
   * (antd shows no pagination then) its loaded empty state. Which figures are zero depends on
   * the hour the demo was seeded (a community may have no overdue case late in the day).
   */
  async function expectListTotal(page: Page, n: number): Promise<void> {
    if (n > 0) {
      await expect.poll(() => page.locator('.ant-pagination-total-text').textContent(), { timeout: 15_000 }).toBe(`共 ${n} 件`);
      return;
    }
    const loadedEmpty = async () =>
      (await page.locator('.ant-table .ant-spin-spinning').count()) === 0 && (await page.locator('.ant-table-placeholder').filter({ hasText: '暂无事件' }).count()) > 0;
    await expect.poll(loadedEmpty, { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.ant-table-row').count()).toBe(0);
  }

  /** Waits for the cockpit of a level to be on screen and answers its region code. */
  async function cockpitAt(page: Page, level: string): Promise<string> {
    const cockpit = page.locator(`[data-testid=cockpit][data-level=${level}]`);
    await cockpit.waitFor({ state: 'visible', timeout: 30_000 });
    return (await cockpit.getAttribute('data-region-code')) as string;
  }

  it('drills down from the district to a grid and back up by the breadcrumb', async () => {
    const page = await login(DESKTOP);
    await page.goto(`${server?.url}/dashboard`);
    const district = await cockpitAt(page, 'district');
    expect(district).toBe('330109');
    await page.locator('[data-testid=cockpit-map] canvas').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(500); // let ECharts finish drawing before the screenshot
    await page.screenshot({ path: `${SHOTS}/cockpit-desktop-district.png` });
    expect(await page.getByTestId('cockpit-kpis').textContent()).toContain('今日新增');

    const visited: string[] = [district];
    const levels: string[] = ['district'];
    let level = 'district';
    while (level !== 'grid') {
      const child = page.getByTestId('cockpit-child').first();
      await child.waitFor({ state: 'visible', timeout: 30_000 });
      const code = (await child.getAttribute('data-code')) as string;
      await child.click();
      await page.waitForURL((url) => url.pathname === `/dashboard/${code}`);
      const cockpit = page.locator(`[data-testid=cockpit][data-region-code="${code}"]`);
      await cockpit.waitFor({ state: 'visible', timeout: 30_000 });
      level = (await cockpit.getAttribute('data-level')) as string;
      visited.push(code);
      levels.push(level);
      // Every step goes one level down, and the breadcrumb names every step above.
      expect(levels.at(-1), `${visited.join(' → ')} ${levels.join(' → ')}`).not.toBe(levels.at(-2));
      expect(visited.length, `${visited.join(' → ')} ${levels.join(' → ')}`).toBeLessThan(7);
    }
    const crumbs = page.getByTestId('cockpit-breadcrumb').locator('a[data-code]');
    expect(await crumbs.evaluateAll((links) => links.map((a) => a.getAttribute('data-code')))).toEqual(visited.slice(0, -1));
    await page.screenshot({ path: `${SHOTS}/cockpit-desktop-grid.png` });

    await crumbs.first().click();
    expect(await cockpitAt(page, 'district')).toBe(district);
    expect(new URL(page.url()).pathname).toBe('/dashboard/330109');
  });

  it('asks for no figures on a signed-out visit to the cockpit, and starts them early once signed in', async () => {
    if (!server) throw new Error('setup failed');
    const page = await newPage(DESKTOP);
    const reads: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/cockpit') reads.push(request.url());
    });
    await page.goto(`${server.url}/dashboard`);
    await page.getByPlaceholder('用户名').waitFor({ state: 'visible', timeout: 30_000 });
    expect(reads).toEqual([]);
    await page.getByPlaceholder('用户名').fill(server.credentials.username);
    await page.getByPlaceholder('密码').fill(server.credentials.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
    // Signed in: the page notes it, so the next load of a cockpit starts its figures with the
    // page, before the session probe has answered (the view's own read could only come after).
    await page.waitForFunction("window.localStorage.getItem('shuzhi.signed-in') === '1'", undefined, { timeout: 10_000 });
    const order: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/cockpit') order.push('cockpit');
    });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/auth/me') order.push('me');
    });
    await page.goto(`${server.url}/dashboard`);
    await cockpitAt(page, 'district');
    expect(order).toContain('me');
    expect(order.indexOf('cockpit')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('cockpit')).toBeLessThan(order.indexOf('me'));
  });

  it('shows a new case in an open cockpit within seconds, without reloading', async () => {
    const page = await login(DESKTOP);
    await page.goto(`${server?.url}/dashboard`);
    await cockpitAt(page, 'district');
    await page.locator('[data-testid=cockpit-live][data-connected=true]').waitFor({ timeout: 15_000 });
    const before = Number(await page.getByTestId('cockpit').getAttribute('data-received-today'));
    // A marker on the window survives only if the page is not reloaded.
    await page.evaluate(() => Object.assign(globalThis, { __cockpitMarker: 42 }));
    const services = (await (await page.request.get(`${server?.url}/api/public/portal/services`)).json()) as { services: { code: string }[] };
    const posted = await page.request.post(`${server?.url}/api/public/portal/reports`, {
      data: { serviceCode: services.services[0]?.code, description: '路口红绿灯坏了', address: '古荡街道文三路口' },
    });
    expect(posted.status()).toBe(201);
    await page.locator(`[data-testid=cockpit][data-received-today="${before + 1}"]`).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { __cockpitMarker?: number }).__cockpitMarker)).toBe(42);
    expect(await page.getByTestId('kpi-today').textContent()).toBe(String(before + 1));
  });

  it('links a community\'s figure to the cases behind it, the region a filter with its name that can be removed', async () => {
    const page = await login(DESKTOP);
    await page.goto(`${server?.url}/dashboard`);
    await cockpitAt(page, 'district');
    // Down to a community by the children with the most cases this year.
    type Read = { cockpit: { region: { code: string; name: string; level: string }; children: { code: string; received: number }[] } };
    let read = await apiGet<Read>(page, '/api/cockpit');
    while (read.cockpit.region.level !== 'community') {
      const busiest = [...read.cockpit.children].sort((a, b) => b.received - a.received)[0];
      if (!busiest) throw new Error(`no child below ${read.cockpit.region.code}`);
      read = await apiGet<Read>(page, `/api/cockpit?region=${busiest.code}`);
    }
    const community = read.cockpit.region;
    await page.goto(`${server?.url}/dashboard/${community.code}`);
    await cockpitAt(page, 'community');
    const figure = Number((await page.getByTestId('kpi-month').textContent())?.replace(/,/g, ''));
    await page.getByTestId('kpi-month').click();
    await page.waitForURL((url) => url.pathname === '/events');
    const params = new URL(page.url()).searchParams;
    expect(params.get('region')).toBe(community.code);
    expect(params.get('town')).toBeNull();
    const tag = page.getByTestId('region-filter');
    await expect.poll(() => tag.textContent(), { timeout: 15_000 }).toContain(community.name);
    // The list's total (the pagination's 共 N 件) is the figure clicked.
    await expectListTotal(page, figure);
    await page.screenshot({ path: `${SHOTS}/workbench-region-filter.png` });

    await tag.locator('.ant-tag-close-icon').click();
    await page.waitForURL((url) => !url.searchParams.has('region'));
    await tag.waitFor({ state: 'detached', timeout: 10_000 });

    // 本月超期在办 counts cases past the whole case's deadline; its list says so in a tag.
    await page.goto(`${server?.url}/dashboard/${community.code}`);
    await cockpitAt(page, 'community');
    const overdue = Number((await page.getByTestId('kpi-overdue').textContent())?.replace(/,/g, ''));
    await page.getByTestId('kpi-overdue').click();
    await page.waitForURL((url) => url.pathname === '/events' && url.searchParams.get('overdue') === 'true');
    await page.getByTestId('overdue-filter').waitFor({ timeout: 15_000 });
    await expectListTotal(page, overdue);
  });

  it('fills the command-centre wall without scrolling at 1920×1080 and 3840×2160', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      const page = await login({ viewport: { width, height } });
      await page.goto(`${server?.url}/screen`);
      await cockpitAt(page, 'district');
      await page.locator('[data-testid=cockpit-map] canvas').first().waitFor({ state: 'visible', timeout: 30_000 });
      // The programme row (projects by light, promises, supervision) is on the wall too.
      await page.getByTestId('cockpit-programmes').waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForTimeout(800);
      const size = await page.evaluate(() => {
        const w = globalThis as unknown as { innerHeight: number; innerWidth: number; document: { documentElement: { scrollHeight: number; scrollWidth: number } } };
        return { scroll: w.document.documentElement.scrollHeight, inner: w.innerHeight, scrollW: w.document.documentElement.scrollWidth, innerW: w.innerWidth };
      });
      expect(size.scroll, `${width}×${height} scrolls vertically`).toBeLessThanOrEqual(size.inner);
      expect(size.scrollW, `${width}×${height} scrolls horizontally`).toBeLessThanOrEqual(size.innerW);
      // Nothing is cut off either: the last row ends inside the screen.
      for (const id of ['cockpit-overdue', 'cockpit-trend', 'cockpit-children', 'cockpit-programmes', 'programmes-projects', 'programmes-promises', 'programmes-supervision']) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box && box.y + box.height, `${id} at ${width}×${height}`).toBeLessThanOrEqual(height);
      }
      // In the wall's dark cards, not the desktop's white ones.
      const background = await page.getByTestId('programmes-projects').evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(element).backgroundColor);
      expect(background).toBe('rgba(9, 30, 66, 0.85)');
      await page.screenshot({ path: `${SHOTS}/cockpit-screen-${width}x${height}.png` });
    }
  });

  it('serves the public portal without login: statistics, a report and its status, nothing personal', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${server?.url}/public`);
    await page.getByTestId('public-towns').locator('tbody tr').first().waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/public');
    await page.screenshot({ path: `${SHOTS}/public-portal.png` });

    await page.getByRole('tab', { name: '我要反映' }).click();
    await page.getByTestId('report-service').click();
    await page.keyboard.type('井盖');
    await page.locator('.ant-select-item-option').first().click();
    await page.getByLabel('事发地址').fill('古荡街道学院路 8 号门口');
    await page.getByLabel('问题描述').fill('人行道上的井盖缺失,晚上很危险');
    await page.getByLabel(/联系电话/).fill(PHONE_NUMBER);
    await page.getByRole('button', { name: /提\s*交/ }).click();
    const receipt = page.getByTestId('report-receipt');
    await receipt.waitFor({ timeout: 30_000 });
    const number = (await receipt.getAttribute('data-number')) as string;
    expect(Number(number)).toBeGreaterThan(0);

    await page.getByRole('tab', { name: '进度查询' }).click();
    await page.getByTestId('status-input').locator('input').fill(number);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const result = page.getByTestId('status-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-status')).toBe('open');
    expect(await result.textContent()).toContain(number);
    await page.screenshot({ path: `${SHOTS}/public-portal-status.png` });
    expect(await page.content()).not.toContain(PHONE_NUMBER);
    expect(pageErrors).toEqual([]);
  });
});
