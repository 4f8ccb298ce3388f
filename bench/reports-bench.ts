/**
 * Report extraction throughput over the seed reports (characters per second, repeated until
 * at least a second has passed), the mentions found, and the time to read a generated .docx
 * of the same texts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import JSZip from 'jszip';
import { extractMentions } from '@/domains/reports/report-extract.js';
import { docxToText } from '@/domains/reports/report-input.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'reports');

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A minimal .docx holding the texts, one paragraph per line. */
async function buildDocx(texts: string[]): Promise<Uint8Array> {
  const paragraphs = texts
    .join('\n')
    .split('\n')
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`)
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Runs the reports benchmark and prints its figures. */
export async function runReportsBench(): Promise<void> {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort();
  const texts = files.map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const mentions = texts.reduce((n, t) => n + extractMentions(t).length, 0); // also warms up
  let rounds = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 1000) {
    for (const t of texts) extractMentions(t);
    rounds += 1;
    elapsed = performance.now() - started;
  }
  console.log(
    `reports  extraction: ${fmt((chars * rounds) / (elapsed / 1000))} chars/s over ${files.length} seed reports ` +
      `(${fmt(chars)} chars, ${rounds} rounds in ${fmt(elapsed)} ms), ${mentions} mentions found`,
  );
  const docx = await buildDocx(texts);
  const times: number[] = [];
  let text = '';
  for (let i = 0; i < 6; i += 1) {
    const docxStarted = performance.now();
    text = await docxToText(docx);
    times.push(performance.now() - docxStarted);
  }
  const warm = times.slice(1).reduce((a, b) => a + b, 0) / (times.length - 1);
  console.log(
    `reports  docx read: ${fmt(times[0] ?? 0, 1)} ms cold, ${fmt(warm, 1)} ms warm for a ${fmt(docx.byteLength / 1024, 1)} KB .docx ` +
      `of the seed texts (${fmt(text.length)} chars)`,
  );
}
