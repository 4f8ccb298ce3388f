/**
 * Lays out a scorecard document as Markdown, a standalone HTML page or a Word document.
 * Charts are drawn by ECharts' server-side SVG renderer; Word gets the SVG with a PNG
 * fallback rasterised by resvg, so both Word and LibreOffice show them.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Light, ScorecardChart, ScorecardDocument } from './scorecard-document.js';

/** The formats a scorecard is written in. */
export const SCORECARD_FORMATS = ['docx', 'md', 'html'] as const;
/** A scorecard format. */
export type ScorecardFormat = (typeof SCORECARD_FORMATS)[number];

const CHART_WIDTH = 720;
const CHART_HEIGHT = 340;
const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#f5222d', '#722ed1'];
const LIGHT_COLOUR: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };
const LIGHT_FILL: Record<Light, string> = { green: 'E8F5E9', yellow: 'FFF8E1', red: 'FDECEA' };
/** Fonts a Chinese report uses, with fallbacks present on Linux machines. */
const FONT_STACK = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";

/** The ECharts option of a chart: static (no animation), fonts for Chinese. */
function chartOption(chart: ScorecardChart): Record<string, unknown> {
  const horizontal = chart.kind === 'bar' && chart.categories.length > 6 && chart.series.length === 1;
  const categoryAxis = {
    type: 'category',
    data: chart.categories,
    axisLabel: { interval: 0, fontSize: 11, rotate: !horizontal && chart.categories.length > 8 ? 30 : 0 },
  };
  const valueAxis = { type: 'value', name: chart.unit, nameTextStyle: { fontSize: 11 } };
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: FONT_STACK },
    backgroundColor: '#ffffff',
    grid: { left: horizontal ? 150 : 56, right: 32, top: 40, bottom: horizontal ? 32 : 64 },
    legend: chart.series.length > 1 ? { top: 6 } : undefined,
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: chart.series.map((s, i) => ({
      name: s.name,
      type: s.kind ?? chart.kind,
      // Bars of a single series take the light of their item (green, yellow, red) when given.
      data: s.values.map((value, j) => {
        const light = chart.lights?.[j];
        return light && chart.series.length === 1 ? { value, itemStyle: { color: LIGHT_COLOUR[light] } } : value;
      }),
      label: { show: chart.series.length === 1, position: horizontal ? 'right' : 'top', fontSize: 10 },
      markLine:
        i === 0 && chart.markLine
          ? {
              symbol: 'none',
              label: { formatter: `${chart.markLine.label} ${chart.markLine.value}${chart.unit}`, fontSize: 10 },
              lineStyle: { color: '#f5222d', type: 'dashed' },
              data: [horizontal ? { xAxis: chart.markLine.value } : { yAxis: chart.markLine.value }],
            }
          : undefined,
    })),
  };
}

/** Draws a chart as an SVG document string. */
export async function chartSvg(chart: ScorecardChart, width = CHART_WIDTH, height = CHART_HEIGHT): Promise<string> {
  // Loaded on first use: the server and CLI need ECharts only when writing a scorecard.
  const echarts = await import('echarts');
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(chartOption(chart));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** Rasterises an SVG to PNG at twice its size (sharp in Word at print size). */
async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'width', value: width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
    background: '#ffffff',
  }).render();
  return rendered.asPng();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function escapeMarkdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The scorecard as Markdown; a chart becomes its caption and a table of its data. */
export function renderMarkdown(doc: ScorecardDocument): string {
  const lines: string[] = [`# ${doc.title}`, '', `*${doc.subtitle}*`, ''];
  for (const block of doc.blocks) {
    switch (block.type) {
      case 'heading':
        lines.push(`${'#'.repeat(block.level)} ${block.text}`, '');
        break;
      case 'paragraph':
        lines.push(block.text, '');
        break;
      case 'bullets':
        lines.push(...block.items.map((item) => `- ${item}`), '');
        break;
      case 'table': {
        lines.push(`**${block.caption}**`, '');
        lines.push(`| ${block.header.map(escapeMarkdownCell).join(' | ')} |`);
        lines.push(`| ${block.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`);
        for (const row of block.rows) lines.push(`| ${row.map(escapeMarkdownCell).join(' | ')} |`);
        lines.push('');
        break;
      }
      case 'chart': {
        const { chart } = block;
        lines.push(`**${block.caption}**`, '');
        lines.push(`| 项目 | ${chart.series.map((s) => `${escapeMarkdownCell(s.name)}(${chart.unit})`).join(' | ')} |`);
        lines.push(`| --- | ${chart.series.map(() => '---:').join(' | ')} |`);
        chart.categories.forEach((category, i) => {
          lines.push(`| ${escapeMarkdownCell(category)} | ${chart.series.map((s) => String(s.values[i] ?? '—')).join(' | ')} |`);
        });
        if (chart.markLine) lines.push('', `${chart.markLine.label}：${chart.markLine.value}${chart.unit}`);
        lines.push('');
        break;
      }
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const HTML_STYLE = `
body { font-family: ${FONT_STACK}; max-width: 960px; margin: 32px auto; padding: 0 24px; color: #1f1f1f; line-height: 1.8; }
h1 { text-align: center; font-size: 26px; margin-bottom: 4px; }
.subtitle { text-align: center; color: #8c8c8c; margin-bottom: 24px; }
h2 { font-size: 20px; border-left: 4px solid #c41d1d; padding-left: 10px; margin-top: 32px; }
p { text-indent: 2em; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
caption { font-weight: 600; padding: 6px 0; }
th, td { border: 1px solid #d9d9d9; padding: 4px 8px; }
th { background: #fafafa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.green td { background: #e8f5e9; } tr.yellow td { background: #fff8e1; } tr.red td { background: #fdecea; }
figure { margin: 12px 0 20px; text-align: center; } figcaption { font-weight: 600; }
ul.red li { color: #a8071a; }
@media print { body { margin: 0; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
`;

/** The scorecard as one standalone HTML page (charts inline as SVG, no scripts). */
export async function renderHtml(doc: ScorecardDocument): Promise<string> {
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(doc.title)}</title><style>${HTML_STYLE}</style></head><body>`,
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<div class="subtitle">${escapeHtml(doc.subtitle)}</div>`,
  ];
  for (const block of doc.blocks) {
    switch (block.type) {
      case 'heading':
        parts.push(`<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`);
        break;
      case 'paragraph':
        parts.push(`<p>${escapeHtml(block.text)}</p>`);
        break;
      case 'bullets':
        parts.push(`<ul class="red">${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
        break;
      case 'table': {
        const head = block.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
        const rows = block.rows
          .map((row, r) => {
            const colour = block.rowColours?.[r];
            const cells = row.map((cell, c) => `<td${block.numeric[c] ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('');
            return `<tr${colour ? ` class="${colour}"` : ''}>${cells}</tr>`;
          })
          .join('');
        parts.push(`<table><caption>${escapeHtml(block.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`);
        break;
      }
      case 'chart':
        parts.push(`<figure>${await chartSvg(block.chart)}<figcaption>${escapeHtml(block.caption)}</figcaption></figure>`);
        break;
    }
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

const BODY_FONT = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
const HEADING_FONT = { ascii: 'Times New Roman', eastAsia: '黑体', hAnsi: 'Times New Roman' };
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };

function cellParagraph(text: string, numeric: boolean, bold = false): Paragraph {
  return new Paragraph({
    alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
    children: [new TextRun({ text, bold, size: 18, font: BODY_FONT })],
  });
}

/** The scorecard as a Word document (.docx bytes). */
export async function renderDocx(doc: ScorecardDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: doc.title, bold: true, size: 40, font: { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' } })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [new TextRun({ text: doc.subtitle, size: 21, color: '808080', font: BODY_FONT })],
    }),
  ];
  for (const block of doc.blocks) {
    switch (block.type) {
      case 'heading':
        children.push(
          new Paragraph({
            heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            spacing: { before: 240, after: 120 },
            children: [new TextRun({ text: block.text, bold: true, size: 32, font: HEADING_FONT, color: '000000' })],
          }),
        );
        break;
      case 'paragraph':
        // Chinese official style: first line indented by two characters (2 × 16 pt).
        children.push(
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: { line: 480, after: 60 },
            children: [new TextRun({ text: block.text, size: 32, font: BODY_FONT })],
          }),
        );
        break;
      case 'bullets':
        for (const item of block.items) {
          children.push(
            new Paragraph({
              bullet: { level: 0 },
              children: [new TextRun({ text: item, size: 28, font: BODY_FONT, color: 'A8071A' })],
            }),
          );
        }
        break;
      case 'table': {
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 120, after: 60 },
            children: [new TextRun({ text: block.caption, bold: true, size: 24, font: HEADING_FONT })],
          }),
        );
        const borders = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER };
        const header = new TableRow({
          tableHeader: true,
          children: block.header.map(
            (h, c) =>
              new TableCell({
                borders,
                shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' },
                children: [cellParagraph(h, block.numeric[c] ?? false, true)],
              }),
          ),
        });
        const rows = block.rows.map((row, r) => {
          const colour = block.rowColours?.[r];
          return new TableRow({
            children: row.map(
              (cell, c) =>
                new TableCell({
                  borders,
                  shading: colour ? { type: ShadingType.CLEAR, color: 'auto', fill: LIGHT_FILL[colour] } : undefined,
                  children: [cellParagraph(cell, block.numeric[c] ?? false)],
                }),
            ),
          });
        });
        // The first column holds names: give it room, share the rest (widths in twips of a 16 cm line).
        const total = 9070;
        const first = block.header.length > 3 ? 1900 : Math.round(total / block.header.length);
        const rest = Math.floor((total - first) / Math.max(1, block.header.length - 1));
        children.push(
          new Table({
            width: { size: total, type: WidthType.DXA },
            columnWidths: block.header.map((_, c) => (c === 0 ? first : rest)),
            rows: [header, ...rows],
          }),
        );
        break;
      }
      case 'chart': {
        const svg = await chartSvg(block.chart);
        const png = await svgToPng(svg, CHART_WIDTH);
        // 15 cm wide on the page, keeping the chart's proportions.
        const width = 567;
        const height = Math.round((width * CHART_HEIGHT) / CHART_WIDTH);
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 120 },
            children: [
              new ImageRun({
                type: 'svg',
                data: Buffer.from(svg, 'utf8'),
                fallback: { type: 'png', data: png },
                transformation: { width, height },
                altText: { name: block.caption, title: block.caption, description: block.caption },
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 160 },
            children: [new TextRun({ text: block.caption, bold: true, size: 24, font: HEADING_FONT })],
          }),
        );
        break;
      }
    }
  }
  const document = new Document({
    creator: '数智 Shuzhi',
    title: doc.title,
    description: doc.subtitle,
    styles: { default: { document: { run: { font: BODY_FONT, size: 32 } } } },
    sections: [{ properties: { page: { margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(document);
}
