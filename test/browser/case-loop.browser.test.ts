/**
 * One case around the whole loop in a real browser, every step through the UI: a grid worker
 * on a phone reports it from patrol (photo, device position inside their own grid, class,
 * description); the operator registers it (立案), the dispatcher dispatches it to its
 * department (派遣), that department's handler signs for it (签收) and reports it handled
 * (处置反馈), the grid worker checks it on the phone (核查通过) and the operator closes it
 * (结案). Runs against the real server with the demo district and the built web/dist.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_LABELS, type CaseState } from '../../src/shared/case-vocabulary.js';
import { CHROMIUM, apiGet, createPageWatch, launchChromium, login, pickOption, settled } from '../helpers/browser.js';
import { startTestServer } from '../helpers/test-server.js';

const SHOT_PATROL = 'test-results/case-loop-patrol.png';
const SHOT_CLOSED = 'test-results/case-loop-closed.png';
/** A minor class the demo catalogue routes to a department that has a demo handler (SL). */
const CATEGORY = { search: '井盖', name: '上水井盖' };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  permissions: ['geolocation'],
};

interface LonLatPoint {
  longitude: number;
  latitude: number;
}

/** Every [lon, lat] pair of a GeoJSON Polygon or MultiPolygon. */
function positions(coordinates: unknown): [number, number][] {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') return [coordinates as [number, number]];
  return Array.isArray(coordinates) ? coordinates.flatMap((c) => positions(c)) : [];
}

/** Points spread over a bounding box, near its centre first, rounded as the UI rounds a position. */
function candidatePoints(geometry: { coordinates: unknown }): LonLatPoint[] {
  const all = positions(geometry.coordinates);
  const lons = all.map(([lon]) => lon);
  const lats = all.map(([, lat]) => lat);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const fractions = [0.47, 0.53, 0.38, 0.62, 0.27, 0.73, 0.16, 0.84];
  return fractions.flatMap((fx) =>
    fractions.map((fy) => ({
      longitude: Number((west + (east - west) * fx).toFixed(6)),
      latitude: Number((south + (north - south) * fy).toFixed(6)),
    })),
  );
}

describe.skipIf(!existsSync(CHROMIUM))('a case around the loop in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  const watch = createPageWatch();

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const context of watch.contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** Opens a case page and waits until it shows the case in `status`. */
  async function openCase(page: Page, path: string, status: CaseState): Promise<void> {
    if (!server) throw new Error('setup failed');
    await page.goto(`${server.url}${path}`);
    await page.locator(`[data-testid=case-page][data-status=${status}]`).waitFor({ state: 'visible', timeout: 30_000 });
    expect(await statusTag(page).textContent()).toBe(STATE_LABELS[status]);
  }

  /** The state tag in the case page's header. */
  function statusTag(page: Page) {
    return page.getByTestId('case-page').locator('.ant-tag[data-status]').first();
  }

  /**
   * Clicks an action's button, fills its modal, confirms it, and waits for the header's state
   * tag to move from `from` to `to`.
   */
  async function act(
    page: Page,
    button: RegExp,
    from: CaseState,
    to: CaseState,
    fill?: (modal: Locator) => Promise<void>,
  ): Promise<void> {
    const modal = page.locator('.ant-modal:visible');
    try {
      await page.locator(`[data-testid=case-page][data-status=${from}]`).waitFor({ state: 'visible', timeout: 30_000 });
      await page.getByTestId('case-actions').getByRole('button', { name: button }).click();
      await modal.waitFor({ state: 'visible', timeout: 15_000 });
      await settled(modal);
      if (fill) await fill(modal);
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.locator(`[data-testid=case-page][data-status=${to}]`).waitFor({ state: 'visible', timeout: 30_000 });
      await expect.poll(() => statusTag(page).textContent(), { timeout: 10_000 }).toBe(STATE_LABELS[to]);
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    } catch (error) {
      // What the page showed: a screenshot, and the modal's text (a refusal shows there).
      await page.screenshot({ path: `test-results/case-loop-failed-${to}.png`, fullPage: true }).catch(() => undefined);
      const shown = await modal.allTextContents().catch(() => []);
      const calls = watch.failedCalls.join('; ') || 'none';
      throw new Error(`${String(button)} (${from} → ${to}) failed; modal: ${shown.join(' | ') || 'none'}; failed calls: ${calls}`, {
        cause: error,
      });
    }
  }

  /** Picks a department in the dispatch form's select by its name (typed to filter the list). */
  async function pickDepartment(modal: Locator, name: string): Promise<void> {
    await pickOption(modal.getByLabel('部门', { exact: true }), name, { search: name });
    const field = modal.locator('.ant-form-item').filter({ hasText: '处置部门' });
    await expect.poll(async () => (await field.textContent()) ?? '', { timeout: 5_000 }).toContain(name);
  }

  it('goes from a patrol report on a phone to 已结案 through the buttons of five roles', async () => {
    if (!server) throw new Error('setup failed');
    const accounts = server.accounts;
    const gridWorker = accounts.find((a) => a.role === 'grid_worker');
    const operator = accounts.find((a) => a.role === 'operator' && a.username === 'operator');
    const dispatcher = accounts.find((a) => a.role === 'dispatcher' && a.username === 'dispatcher');
    expect(gridWorker, 'a grid worker among the printed logins').toBeDefined();
    expect(operator, 'the district operator among the printed logins').toBeDefined();
    expect(dispatcher, 'the district dispatcher among the printed logins').toBeDefined();
    if (!gridWorker || !operator || !dispatcher) return;
    await mkdir('test-results', { recursive: true });
    const description = `巡查发现人行道上水井盖破损 · 自动化测试 ${Date.now()}`;

    // 1. The grid worker on a phone lands on the patrol page.
    const phone = await login({ browser, server, watch, username: gridWorker.username, context: PHONE });
    await phone.waitForURL(/\/events\/patrol$/, { timeout: 30_000 });
    await phone.getByTestId('patrol-page').waitFor({ state: 'visible', timeout: 30_000 });

    // The device's position: a point of the worker's own grid, confirmed by the locator.
    const { user } = await apiGet<{ user: { regionCode: string; regionName: string } }>(phone, '/api/auth/me');
    const grid = await apiGet<{ code: string; level: string; geometry: { coordinates: unknown } | null }>(
      phone,
      `/api/regions/${user.regionCode}`,
    );
    expect(grid.geometry, `the grid ${user.regionCode} has polygons`).toBeTruthy();
    // A point counts when it and four points about 20 m around it fall in the same micro-grid
    // of this grid: well inside, not on a line between two micro-grids.
    const microgridOf = async ({ longitude, latitude }: LonLatPoint) => {
      const located = await apiGet<{ found: boolean; microgrid?: { code: string }; chain: { code: string }[] }>(
        phone,
        `/api/regions/locate?lon=${longitude}&lat=${latitude}`,
      );
      return located.found && located.chain.some((link) => link.code === user.regionCode) ? located.microgrid?.code : undefined;
    };
    const STEP = 0.0002;
    let position: LonLatPoint | undefined;
    for (const candidate of candidatePoints(grid.geometry ?? { coordinates: [] })) {
      const { longitude, latitude } = candidate;
      const around: LonLatPoint[] = [
        candidate,
        { longitude: longitude + STEP, latitude },
        { longitude: longitude - STEP, latitude },
        { longitude, latitude: latitude + STEP },
        { longitude, latitude: latitude - STEP },
      ];
      const codes = new Set<string | undefined>();
      for (const point of around) codes.add(await microgridOf(point));
      if (codes.size === 1 && !codes.has(undefined)) {
        position = candidate;
        break;
      }
    }
    expect(position, `a point inside ${user.regionName}`).toBeDefined();
    if (!position) return;
    await phone.context().setGeolocation(position);

    // Photo, position, class, description, submit.
    await phone.getByTestId('case-map').locator('canvas').first().waitFor({ state: 'visible', timeout: 30_000 });
    const photo = await phone.screenshot({ clip: { x: 0, y: 0, width: 200, height: 150 } });
    await phone.locator('input[type=file]').first().setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: photo });
    await phone.locator('.ant-upload-list-item-done').first().waitFor({ state: 'visible', timeout: 15_000 });
    await phone.getByTestId('geolocate').click();
    await expect
      .poll(() => phone.getByTestId('locate-hint').textContent().catch(() => ''), { timeout: 15_000 })
      .toContain(user.regionName);
    await phone.getByLabel('事件分类').click();
    await phone.keyboard.type(CATEGORY.search);
    const categoryOption = phone.locator('.ant-select-tree-node-content-wrapper', { hasText: CATEGORY.name }).first();
    await categoryOption.waitFor({ state: 'visible', timeout: 15_000 });
    await settled(phone.locator('.ant-select-dropdown:visible'));
    await categoryOption.click();
    await expect
      .poll(() => phone.locator('.ant-form-item').filter({ hasText: '事件分类' }).first().textContent(), { timeout: 5_000 })
      .toContain(CATEGORY.name);
    await phone.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 10_000 });
    await phone.getByLabel('问题描述').fill(description);
    await phone.evaluate('window.scrollTo(0, 0)');
    await phone.screenshot({ path: SHOT_PATROL, fullPage: true });
    await phone.getByTestId('patrol-submit').click();

    // The new case appears among the worker's cards; its link carries the id.
    const card = phone.getByTestId('patrol-card').filter({ hasText: description });
    await card.first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await card.count()).toBe(1);
    const href = await card.getAttribute('href');
    const id = /\/events\/patrol\/([^/?#]+)$/.exec(href ?? '')?.[1];
    expect(id, `the card's link ${href}`).toBeTruthy();
    if (!id) return;
    const reported = await apiGet<{
      case: { channel: string; status: string; departmentCode: string | null; departmentName: string | null; regionChain: { code: string }[] };
    }>(phone, `/api/cases/${id}`);
    expect(reported.case.channel).toBe('grid_patrol');
    expect(reported.case.status).toBe('reported');
    expect(reported.case.regionChain.map((link) => link.code)).toContain(user.regionCode);
    const { departmentCode, departmentName } = reported.case;
    expect(departmentCode, 'the class routes the case to a department').toBeTruthy();
    expect(departmentName).toBeTruthy();
    const handler = accounts.find((a) => a.username === `${departmentCode?.toLowerCase()}.handler`);
    expect(handler?.role, `a demo handler of ${departmentCode}`).toBe('department_handler');
    if (!handler || !departmentName) return;

    // 2. The operator registers it (立案).
    const operatorPage = await login({ browser, server, watch, username: operator.username, context: DESKTOP });
    await openCase(operatorPage, `/events/${id}`, 'reported');
    await act(operatorPage, /^立\s*案$/, 'reported', 'registered');

    // 3. The dispatcher dispatches it to its department (派遣).
    const dispatcherPage = await login({ browser, server, watch, username: dispatcher.username, context: DESKTOP });
    await openCase(dispatcherPage, `/events/${id}`, 'registered');
    await act(dispatcherPage, /^派\s*遣$/, 'registered', 'dispatched', (modal) => pickDepartment(modal, departmentName));

    // 4. The department's handler signs for it (签收) and reports it handled (处置反馈).
    const handlerPage = await login({ browser, server, watch, username: handler.username, context: DESKTOP });
    await openCase(handlerPage, `/events/${id}`, 'dispatched');
    await act(handlerPage, /^签\s*收$/, 'dispatched', 'accepted');
    const handledNote = '已更换破损井盖,现场恢复通行。';
    await act(handlerPage, /^处置反馈$/, 'accepted', 'handled', async (modal) => {
      await modal.getByLabel('意见说明', { exact: true }).fill(handledNote);
    });

    // 5. The grid worker checks it on the phone (核查通过).
    await openCase(phone, `/events/patrol/${id}`, 'handled');
    await act(phone, /^核查通过$/, 'handled', 'checked', async (modal) => {
      await modal.getByLabel('意见说明(选填)').fill('现场核查:井盖已更换。');
    });

    // 6. The operator closes it (结案).
    await openCase(operatorPage, `/events/${id}`, 'checked');
    await act(operatorPage, /^结\s*案$/, 'checked', 'closed');

    // The closed case: its state, its history in order, its photo.
    await openCase(operatorPage, `/events/${id}`, 'closed');
    expect(await statusTag(operatorPage).textContent()).toBe('已结案(待回访)');
    const timeline = operatorPage.getByTestId('case-timeline');
    const steps = await timeline
      .locator('.ant-timeline-item-content')
      .evaluateAll((items) => items.map((item) => item.querySelector('strong')?.textContent?.trim() ?? ''));
    const expected = ['上报', '立案', '派遣', '签收', '处置反馈', '核查通过', '结案'];
    expect(steps.filter((step) => expected.includes(step))).toEqual(expected);
    expect(await timeline.textContent()).toContain(handledNote);
    const thumbnail = operatorPage.getByTestId('case-photos').locator('img[src*="/api/case-attachments/"]').first();
    await thumbnail.waitFor({ state: 'visible', timeout: 15_000 });
    const thumbnailLoaded = () =>
      thumbnail.evaluate((img) => {
        const loaded = img as unknown as { complete: boolean; naturalWidth: number };
        return loaded.complete && loaded.naturalWidth > 0;
      });
    await expect.poll(thumbnailLoaded, { timeout: 15_000 }).toBe(true);
    expect(await operatorPage.getByTestId('case-photos').textContent()).toContain('附件照片(1)');
    await operatorPage.screenshot({ path: SHOT_CLOSED, fullPage: true });

    expect(watch.pageErrors).toEqual([]);
    expect(watch.failedCalls).toEqual([]);
  }, 300_000);
});
