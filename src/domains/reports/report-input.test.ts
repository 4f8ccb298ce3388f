import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '@/shared/errors.js';
import { MAX_REPORT_BYTES, decodeReportText, documentXmlToText, docxToText, formatOf, readReportBuffer, readReportFile } from './report-input.js';

const dir = mkdtempSync(join(tmpdir(), 'shuzhi-report-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function codeOf(action: () => Promise<unknown> | unknown): Promise<ErrorCode> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected an AppError');
}

async function docx(paragraphs: string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('text files', () => {
  it('reads UTF-8, drops the BOM and turns CRLF into LF', async () => {
    const path = file('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('第一行\r\n完成投资5亿元\r第三行', 'utf8')]));
    expect(await readReportFile(path)).toBe('第一行\n完成投资5亿元\n第三行');
  });

  it.each<[string, Uint8Array, ErrorCode]>([
    ['an empty file', new Uint8Array(0), 'EMPTY_FILE'],
    ['only whitespace', Buffer.from(' \r\n\t\u3000', 'utf8'), 'EMPTY_FILE'],
    ['a binary file with NUL bytes', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'NOT_UTF8'],
    ['GBK text', Uint8Array.from([0xb9, 0xa4, 0xd2, 0xb5, 0xcd, 0xb6, 0xd7, 0xca]), 'NOT_UTF8'],
    ['UTF-16', Buffer.from('\ufeff工业', 'utf16le'), 'NOT_UTF8'],
  ])('rejects %s', async (_name, bytes, code) => {
    expect(await codeOf(() => decodeReportText(bytes))).toBe(code);
    expect(await codeOf(() => readReportFile(file('bad.txt', bytes)))).toBe(code);
  });

  it('rejects a file over 50 MB by its size, before reading it', async () => {
    const path = join(dir, 'huge.txt');
    writeFileSync(path, '');
    truncateSync(path, MAX_REPORT_BYTES + 1); // sparse: no 50 MB written or read
    const error = await readReportFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FILE_TOO_LARGE');
    expect((error as AppError).exitCode).toBe(2);
  });

  it('answers NOT_FOUND for a missing file and UNSUPPORTED_MEDIA_TYPE for other formats', async () => {
    expect(await codeOf(() => readReportFile(join(dir, 'missing.txt')))).toBe('NOT_FOUND');
    expect(await codeOf(() => readReportFile(dir + '/'))).toBe('NOT_FOUND');
    expect(await codeOf(() => formatOf('report.pdf'))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await codeOf(() => formatOf('report.doc'))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(formatOf('report.TXT')).toBe('text');
    expect(formatOf('report.DOCX')).toBe('docx');
  });
});

describe('.docx', () => {
  it('reads paragraphs, tabs, breaks and entities', async () => {
    expect(documentXmlToText('<w:body><w:p><w:r><w:t>A&amp;B</w:t><w:tab/><w:t xml:space="preserve">增长5%</w:t></w:r></w:p><w:p><w:r><w:t>&#x4E00;行</w:t><w:br/><w:t>二</w:t></w:r></w:p></w:body>')).toBe(
      'A&B\t增长5%\n一行\n二',
    );
    const path = file('report.docx', await docx(['上半年完成工业投资13.05亿元。', '新增企业3家。']));
    expect(await readReportFile(path)).toBe('上半年完成工业投资13.05亿元。\n新增企业3家。');
  });

  it.each<[string, () => Promise<Uint8Array>, ErrorCode]>([
    ['a text file named .docx', async () => Buffer.from('not a zip'), 'INVALID_DOCUMENT'],
    ['a zip without word/document.xml', async () => new JSZip().file('a.txt', 'x').generateAsync({ type: 'uint8array' }), 'INVALID_DOCUMENT'],
    ['a document without text', () => docx([]), 'EMPTY_FILE'],
    ['an empty file', async () => new Uint8Array(0), 'EMPTY_FILE'],
  ])('rejects %s', async (_name, make, code) => {
    const bytes = await make();
    expect(await codeOf(() => readReportBuffer(bytes, 'x.docx'))).toBe(code);
    expect(await codeOf(() => readReportFile(file('bad.docx', bytes)))).toBe(code);
  });

  it('rejects a truncated zip', async () => {
    const bytes = await docx(['完成投资5亿元。']);
    expect(await codeOf(() => docxToText(bytes.subarray(0, Math.floor(bytes.length / 2))))).toBe('INVALID_DOCUMENT');
  });
});
