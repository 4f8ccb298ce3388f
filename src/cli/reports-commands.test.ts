import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Mention } from '@/domains/reports/report-extract.js';
import { reportError } from './cli-support.js';
import { addReportCommands } from './reports-commands.js';

const dir = mkdtempSync(join(tmpdir(), 'shuzhi-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs `shuzhi report …` in-process; returns stdout, stderr and the exit code. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  const program = new Command().exitOverride();
  addReportCommands(program);
  let code = 0;
  try {
    await program.parseAsync(['node', 'shuzhi', 'report', ...args]);
  } catch (error) {
    code = reportError(error);
  }
  vi.restoreAllMocks();
  return { out, err, code };
}

describe('shuzhi report extract', () => {
  const report = join(dir, 'report.txt');
  writeFileSync(report, '上半年完成工业投资13.05亿元,同比增长12.5%。\n新增企业3家。\n');

  it('prints a JSON array with --json', async () => {
    const { out, code } = await run('extract', report, '--json');
    expect(code).toBe(0);
    const mentions = JSON.parse(out) as Mention[];
    expect(mentions.map((m) => [m.text, m.kind, m.subject, m.period])).toEqual([
      ['13.05亿元', 'level', '工业投资', '上半年'],
      ['12.5%', 'growth', '工业投资', '上半年'],
      ['3家', 'level', '企业', null],
    ]);
    expect(mentions[0]?.normalized).toEqual({ value: 1305000000, unit: '元' });
  });

  it('prints a table by default', async () => {
    const { out, code } = await run('extract', report);
    expect(code).toBe(0);
    expect(out).toContain('13.05亿元');
    expect(out).toContain('1,305,000,000 元');
    expect(out).toContain('增速↑');
    expect(out).toContain('共 3 处数据');
  });

  it('reports bad input with its code and exit code, printing nothing on stdout', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const binary = join(dir, 'binary.txt');
    writeFileSync(binary, Uint8Array.from([1, 2, 0, 3]));
    const notZip = join(dir, 'fake.docx');
    writeFileSync(notZip, 'hello');
    for (const [path, code] of [
      [empty, 'EMPTY_FILE'],
      [binary, 'NOT_UTF8'],
      [notZip, 'INVALID_DOCUMENT'],
      [join(dir, 'report.pdf'), 'UNSUPPORTED_MEDIA_TYPE'],
    ] as const) {
      const result = await run('extract', path, '--json');
      expect(result.err).toContain(`[${code}]`);
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
    }
  });
});
