/**
 * `shuzhi report …`: extraction of figures from work reports.
 * `report extract FILE [--json]` needs no database: it reads the file and prints its mentions.
 */
import type { Command } from 'commander';
import stringWidth from 'string-width';
import { extractMentions, type Mention } from '@/domains/reports/report-extract.js';
import { readReportFile } from '@/domains/reports/report-input.js';
import { MENTION_KIND_LABELS } from '@/shared/report-vocabulary.js';
import { addReportImportCommand } from './report-import-command.js';
import { addScorecardCommand } from './scorecard-command.js';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** Keeps table cells to one short line; the JSON output has everything. */
function cut(text: string, width: number): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    if (stringWidth(out + ch) > width - 1) return `${out}…`;
    out += ch;
  }
  return out;
}

function normalizedText(m: Mention): string {
  const value = m.normalized.value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return `${value} ${m.normalized.unit}`.trim();
}

/** Prints mentions as a table whose columns line up for Chinese text. */
function printMentions(mentions: Mention[]): void {
  const header = ['位置', '原文', '类型', '指标', '标准化数值', '期间', '限定'];
  const rows = mentions.map((m) => [
    `${m.span[0]}-${m.span[1]}`,
    m.text,
    `${MENTION_KIND_LABELS[m.kind]}${m.direction === 'down' ? '↓' : m.direction === 'up' ? '↑' : ''}`,
    cut(m.subject || '—', 28),
    normalizedText(m),
    m.period ?? '—',
    m.qualifier ?? '—',
  ]);
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  process.stdout.write(`\n共 ${mentions.length} 处数据\n`);
}

/** Adds the report commands to the program. */
export function addReportCommands(program: Command): void {
  const report = program.command('report').description('工作报告 Figures in work reports');

  report
    .command('extract')
    .description('抽取报告中的数据 Extract every quantitative mention of a report (UTF-8 text or .docx)')
    .argument('<file>', '报告文件(.txt 或 .docx)')
    .option('--json', '以 JSON 数组输出')
    .action(async (file: string, opts: { json?: boolean }) => {
      // Errors are AppErrors (EMPTY_FILE, NOT_UTF8 …); the program's handler prints them with their exit code.
      const text = await readReportFile(file);
      const mentions = extractMentions(text);
      if (opts.json) process.stdout.write(`${JSON.stringify(mentions, null, 2)}\n`);
      else printMentions(mentions);
    });

  addReportImportCommand(report);
  addScorecardCommand(report);
}
