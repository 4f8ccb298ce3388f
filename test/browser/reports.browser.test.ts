/**
 * Reports in a real browser: Guali's town admin uploads the seed half-year report (瓜沥晒出半年度
 * 成绩单) on 报告导入, sees its figures highlighted and the proposed indicator records, imports
 * the ticked ones and reads the outcome; then opens 成绩单 for Guali, reads it in the page and
 * downloads the Word file. Runs against the real server and the built web/dist.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../helpers/browser.js';
import { startTestServer } from '../helpers/test-server.js';

const SHOTS = 'artifacts/screenshots';
const SEED = 'test/fixtures/reports/000_f8a273c4824488df.txt';

describe.skipIf(!existsSync(CHROMIUM))('report import and the scorecard in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports the figures of a report a town published, then writes its scorecard', async () => {
    if (!server || !browser) throw new Error('setup failed');
    await mkdir(SHOTS, { recursive: true });
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/login`);
    await page.getByPlaceholder('用户名').fill('guali.admin');
    await page.getByPlaceholder('密码').fill(server.logins['guali.admin'] as string);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });

    await page.goto(`${server.url}/reports/import`);
    await page.locator('input[type=file]').setInputFiles(SEED);
    await expect.poll(() => page.getByLabel('报告正文').inputValue(), { timeout: 30_000 }).toContain('瓜沥晒出半年度成绩单');
    await page.getByLabel('报告年度').fill('2023');
    await page.getByLabel('数据截至月份').fill('6');
    await page.getByRole('button', { name: /识别数据/ }).click();
    const text = page.getByTestId('report-text');
    await text.waitFor({ state: 'visible', timeout: 30_000 });
    // 13.05亿元 of 工业投资 is highlighted and proposed, ticked.
    await expect.poll(() => text.locator('mark', { hasText: '13.05亿元' }).count()).toBe(1);
    const row = page.locator('.ant-table-row', { hasText: '13.05亿元' });
    await expect.poll(() => row.innerText()).toContain('按“工业投资”匹配到“工业投资”');
    await expect.poll(() => row.locator('input[type=checkbox]').isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/reports-import-review.png` });
    await page.getByRole('button', { name: /导入选中的/ }).click();
    await page.getByText(/已导入“/).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.ant-tag', { hasText: '已写入' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/reports-import-done.png` });

    await page.goto(`${server.url}/reports/scorecard`);
    const frame = page.frameLocator('iframe[title="成绩单预览"]');
    await frame.getByText('瓜沥镇').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => frame.locator('h2').allTextContents()).toEqual([
      '一、经济运行',
      '二、重点项目',
      '三、民生实事',
      '四、基层治理',
      '五、督查督办',
      '六、红色事项清单',
    ]);
    await page.screenshot({ path: `${SHOTS}/reports-scorecard.png` });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: /下载Word/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^瓜沥镇\d{4}年.*工作成绩单\.docx$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
