/**
 * A town key project (镇级重点项目) through the UI in a real browser: Guali's town admin adds
 * it on the library page (a duplicate code first, which the server refuses under the 项目编号
 * field), splits the year plan by month, reports a month's investment and asks to record the
 * start of works (开工); the project shows red (planned start months ago, not started). The
 * district admin approves the request (the requester may not); the project then shows 开工 and
 * green. Guali's admin, still on the page read before the approval, edits the project and is
 * told of the conflict, reloads and saves. Runs against the real server and the built web/dist.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, apiGet, createPageWatch, launchChromium, login, pickOption, settled } from '../helpers/browser.js';
import { startTestServer } from '../helpers/test-server.js';

const SHOTS = 'artifacts/screenshots';
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };

/** `YYYY-MM-DD` in China, `monthsBack` months ago (day clamped to 28 so it always exists). */
function chinaDate(monthsBack = 0): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, Math.min(now.getUTCDate(), 28)));
  return d.toISOString().slice(0, 10);
}

/** Types a date into an antd DatePicker and confirms it. */
async function pickDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect.poll(() => input.inputValue(), { timeout: 5_000 }).toBe(date);
}

describe.skipIf(!existsSync(CHROMIUM))('a town key project from creation to an approved start in Chromium', () => {
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

  /** The visible modal, once its opening motion is over. */
  async function openModal(page: Page): Promise<Locator> {
    const modal = page.locator('.ant-modal:visible');
    await modal.waitFor({ state: 'visible', timeout: 15_000 });
    await settled(modal);
    return modal;
  }

  /** The project page's light tag and stage, as shown. */
  async function shown(page: Page): Promise<{ light: string; stage: string }> {
    const header = page.getByTestId('project-header');
    const light = ((await header.locator('.ant-card-head .ant-tag').first().textContent()) ?? '').trim();
    const stage = ((await header.locator('.ant-descriptions-item', { hasText: '当前阶段' }).locator('.ant-descriptions-item-content').textContent()) ?? '').trim();
    return { light, stage };
  }

  it('is added, planned, reported and asked to start by the town, approved by the admin', async () => {
    if (!server) throw new Error('setup failed');
    await mkdir(SHOTS, { recursive: true });
    const code = `GLE2E-${Date.now().toString(36).toUpperCase()}`;
    const name = `瓜沥镇智能制造产业园(自动化测试)`;
    const plannedStart = chinaDate(4);
    const actualStart = chinaDate(0);
    try {
      // 1. Guali's town admin opens the library and the 新建项目 form.
      const town = await login({ browser, server, watch, username: 'guali.admin', context: DESKTOP });
      await town.goto(`${server.url}/projects`);
      const existing = (await apiGet<{ projects: { code: string }[] }>(town, '/api/projects')).projects[0]?.code;
      expect(existing, 'a demo project of Guali to collide with').toBeDefined();
      await town.getByRole('button', { name: '新建项目' }).click();
      let modal = await openModal(town);
      const form = modal.getByTestId('project-create-form');
      await form.getByLabel('项目编号').fill(existing ?? 'X');
      await form.getByLabel('项目名称').fill(name);
      await form.getByText('镇级', { exact: true }).click();
      await expect.poll(async () => (await form.locator('.ant-form-item', { hasText: '所在镇街' }).textContent()) ?? '', { timeout: 15_000 }).toContain('瓜沥');
      await pickOption(form.locator('.ant-form-item', { hasText: '分类' }).locator('.ant-select'), '产业');
      await form.getByLabel('业主单位').fill('杭州瓜沥智造发展有限公司');
      await form.getByLabel('总投资(万元)').fill('52000');
      await form.getByLabel(/年计划投资\(万元\)/).fill('1200');
      await form.getByLabel('建设地点').fill('瓜沥镇航坞路以东、东灵路以北');
      await pickDate(form.getByLabel('计划开工'), plannedStart);
      await pickDate(form.getByLabel('计划竣工'), chinaDate(-18));
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      // The duplicate code comes back under its field.
      const codeItem = form.locator('.ant-form-item', { hasText: '项目编号' });
      await expect.poll(async () => (await codeItem.locator('.ant-form-item-explain-error').textContent().catch(() => '')) ?? '', { timeout: 15_000 }).toContain('已存在');
      await modal.screenshot({ path: `${SHOTS}/projects-1-create-duplicate-code.png` });
      await form.getByLabel('项目编号').fill(code);
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await town.waitForURL(/\/projects\/\d+$/, { timeout: 30_000 });
      const projectPath = new URL(town.url()).pathname;
      await town.getByTestId('project-header').getByText(name).waitFor({ timeout: 30_000 });

      // 2. The year plan, split by month (a wrong split is refused, then spread evenly).
      await town.getByTestId('project-header').getByRole('button', { name: '年度计划' }).click();
      modal = await openModal(town);
      const plan = modal.getByTestId('year-plan-form');
      await expect.poll(() => plan.getByLabel(/年计划投资\(万元\)/).inputValue(), { timeout: 5_000 }).toBe('1200');
      await plan.getByRole('switch').click();
      for (let m = 1; m <= 12; m += 1) await plan.getByLabel(`${m}月计划`, { exact: true }).fill('90');
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(async () => (await plan.locator('.ant-form-item-explain-error').allTextContents()).join(' '), { timeout: 10_000 }).toContain('须等于年度计划投资');
      await modal.screenshot({ path: `${SHOTS}/projects-1b-year-plan-refused.png` });
      await plan.getByRole('button', { name: '平均分配' }).click();
      await expect.poll(() => plan.getByLabel('12月计划', { exact: true }).inputValue(), { timeout: 5_000 }).toBe('100');
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });

      // 3. A month's investment: the whole year's plan, so investment alone is green.
      const report = town.locator('.ant-card', { hasText: '月度填报' }).last();
      await report.getByLabel('当月完成投资(万元)').fill('1200');
      await report.getByLabel('进度说明').fill('主体厂房桩基施工');
      await report.getByRole('button', { name: '提交填报' }).click();
      await town.locator('.ant-card', { hasText: '月度报告' }).getByText('1200万元').first().waitFor({ timeout: 30_000 });
      // Planned start four months ago and not started: red.
      await expect.poll(async () => (await shown(town)).light, { timeout: 15_000 }).toBe('红灯');

      // 4. Ask to record 开工.
      await town.getByRole('button', { name: '申请节点变更' }).click();
      modal = await openModal(town);
      await pickOption(modal.locator('.ant-form-item', { hasText: '节点' }).first().locator('.ant-select'), '开工');
      await pickDate(modal.getByLabel('实际日期'), actualStart);
      await modal.getByLabel('说明').fill('已取得施工许可证,桩基进场');
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });
      const requests = town.locator('.ant-card', { hasText: '节点变更申请' }).last();
      await requests.getByText('待审批').first().waitFor({ timeout: 30_000 });
      // The requester cannot decide their own request.
      expect(await requests.getByRole('button', { name: /批\s*准/ }).count()).toBe(0);
      await town.screenshot({ path: `${SHOTS}/projects-2-town-requested.png`, fullPage: true });
      expect(await shown(town)).toEqual({ light: '红灯', stage: '未签约' });

      // 5. The district admin approves it on the approvals page.
      const admin = await login({ browser, server, watch, username: 'admin', context: DESKTOP });
      await admin.goto(`${server.url}/projects/approvals`);
      const row = admin.locator('.ant-table-row', { hasText: code });
      await row.waitFor({ timeout: 30_000 });
      await row.getByRole('button', { name: /批\s*准/ }).click();
      const confirm = admin.locator('.ant-modal-confirm:visible');
      await confirm.waitFor({ timeout: 15_000 });
      await settled(confirm);
      await confirm.locator('.ant-btn-primary').click();
      await row.waitFor({ state: 'detached', timeout: 30_000 });
      await admin.goto(`${server.url}${projectPath}`);
      await expect.poll(async () => shown(admin), { timeout: 30_000 }).toEqual({ light: '绿灯', stage: '开工' });
      const started = admin.locator('.ant-table-row', { hasText: '开工' }).first();
      expect(await started.textContent()).toContain(actualStart);
      await admin.screenshot({ path: `${SHOTS}/projects-3-admin-approved.png`, fullPage: true });

      // 6. Guali's admin, on the page read before the approval, edits: a conflict, then a reload and a save.
      await town.getByTestId('project-header').getByRole('button', { name: '编辑项目' }).click();
      modal = await openModal(town);
      const edit = modal.getByTestId('project-edit-form');
      await edit.getByLabel('项目名称').fill(`${name}一期`);
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      const conflict = modal.getByTestId('project-conflict');
      await conflict.waitFor({ timeout: 15_000 });
      expect(await conflict.textContent()).toContain('数据已被他人修改');
      await modal.screenshot({ path: `${SHOTS}/projects-4-edit-conflict.png` });
      await conflict.getByRole('button', { name: '重新加载' }).click();
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });
      await expect.poll(async () => shown(town), { timeout: 30_000 }).toEqual({ light: '绿灯', stage: '开工' });
      await town.getByTestId('project-header').getByRole('button', { name: '编辑项目' }).click();
      modal = await openModal(town);
      await modal.getByTestId('project-edit-form').getByLabel('项目名称').fill(`${name}一期`);
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });
      await town.getByTestId('project-header').getByText(`${name}一期`).waitFor({ timeout: 30_000 });
      await town.screenshot({ path: `${SHOTS}/projects-5-town-after-edit.png`, fullPage: true });
      expect(watch.pageErrors).toEqual([]);
    } catch (error) {
      for (const [i, context] of watch.contexts.entries()) {
        for (const page of context.pages()) await page.screenshot({ path: `${SHOTS}/projects-failed-${i}.png`, fullPage: true }).catch(() => undefined);
      }
      throw new Error(`failed; page errors: ${watch.pageErrors.join('; ') || 'none'}; failed calls: ${watch.failedCalls.join('; ') || 'none'}`, { cause: error });
    }
  });
});
