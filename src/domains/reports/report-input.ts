/**
 * Reading a report into text: UTF-8 text files and Word documents (.docx). Everything a
 * person can hand us by mistake (a binary file, GBK text, an empty file, a 50 MB dump, a
 * .doc renamed .docx) ends in one clear AppError before any extraction starts, so an import
 * built on this never sees half a file.
 *
 * The text returned has its BOM removed and CRLF/CR line ends turned into LF; mention spans
 * are offsets into this text.
 */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import JSZip from 'jszip';
import { AppError } from '@/shared/errors.js';

/** The largest report accepted, in bytes (of the file, and of the text of a .docx). */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

/** The kinds of file a report may come in. */
export type ReportFormat = 'text' | 'docx';

const TEXT_EXTENSIONS = new Set(['', '.txt', '.text', '.md']);

/** The format of a file by its name. @throws AppError UNSUPPORTED_MEDIA_TYPE for other files. */
export function formatOf(fileName: string): ReportFormat {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.docx') return 'docx';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', `unsupported report file type ${ext}`, {
    field: 'file',
    userMessage: `不支持的文件类型「${ext}」,请提供 UTF-8 文本(.txt)或 Word 文档(.docx)`,
  });
}

function tooLarge(bytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', `report of ${bytes} bytes exceeds ${MAX_REPORT_BYTES}`, {
    field: 'file',
    userMessage: `文件过大(${(bytes / 1024 / 1024).toFixed(1)} MB),报告不能超过 50 MB`,
  });
}

function emptyFile(): AppError {
  return new AppError('EMPTY_FILE', 'report is empty', { field: 'file', userMessage: '文件为空,没有可读取的报告文字' });
}

/** LF line ends and no BOM: one text, whatever editor wrote it. */
function normalizeText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

/**
 * Decodes UTF-8 report text strictly.
 * @throws AppError EMPTY_FILE, FILE_TOO_LARGE, NOT_UTF8 (NUL bytes or invalid UTF-8).
 */
export function decodeReportText(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_REPORT_BYTES) throw tooLarge(bytes.byteLength);
  // A NUL byte never occurs in text; it marks a binary file (or UTF-16, which is not accepted).
  if (bytes.includes(0)) {
    throw new AppError('NOT_UTF8', 'report contains NUL bytes', { field: 'file', userMessage: '文件是二进制文件,不是 UTF-8 编码的文本' });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new AppError('NOT_UTF8', 'report is not valid UTF-8', {
      field: 'file',
      userMessage: '文件不是 UTF-8 编码的文本(如为 GBK 编码,请另存为 UTF-8)',
      cause,
    });
  }
  const normalized = normalizeText(text);
  if (normalized.trim().length === 0) throw emptyFile();
  return normalized;
}

function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * The text of WordprocessingML (word/document.xml): one line per paragraph, runs joined,
 * tabs and breaks kept. Formatting, fields and drawings are dropped: extraction needs words.
 */
export function documentXmlToText(xml: string): string {
  const body = /<w:body[\s>][\s\S]*<\/w:body>/.exec(xml)?.[0] ?? xml;
  const lines: string[] = [];
  for (const paragraph of body.split(/<\/w:p>/)) {
    let line = '';
    for (const token of paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br(?:\s[^>]*)?\/>|<w:cr\/>/g)) {
      if (token[1] !== undefined) line += decodeXmlEntities(token[1]);
      else if (token[0].startsWith('<w:tab')) line += '\t';
      else line += '\n';
    }
    lines.push(line);
  }
  return lines.join('\n').replace(/\n+$/, '');
}

/**
 * The text of a .docx held in memory.
 * @throws AppError INVALID_DOCUMENT when it is not a zip or has no word/document.xml;
 *   FILE_TOO_LARGE, EMPTY_FILE as for text.
 */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength > MAX_REPORT_BYTES) throw tooLarge(bytes.byteLength);
  if (bytes.byteLength === 0) throw emptyFile();
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (cause) {
    throw new AppError('INVALID_DOCUMENT', 'docx is not a zip archive', {
      field: 'file',
      userMessage: '文件不是有效的 Word 文档(.docx),可能是旧版 .doc 或已损坏',
      cause,
    });
  }
  const entry = zip.file('word/document.xml');
  if (entry === null) {
    throw new AppError('INVALID_DOCUMENT', 'docx has no word/document.xml', {
      field: 'file',
      userMessage: '文件不是有效的 Word 文档(.docx):缺少正文',
    });
  }
  let xml: string;
  try {
    xml = await entry.async('string');
  } catch (cause) {
    throw new AppError('INVALID_DOCUMENT', 'docx body cannot be read', { field: 'file', userMessage: 'Word 文档已损坏,无法读取正文', cause });
  }
  if (xml.length > MAX_REPORT_BYTES) throw tooLarge(xml.length);
  const text = normalizeText(documentXmlToText(xml));
  if (text.trim().length === 0) throw emptyFile();
  return text;
}

/** Reads a report held in memory, by its file name's format. */
export async function readReportBuffer(bytes: Uint8Array, fileName: string): Promise<string> {
  const format = formatOf(fileName);
  if (bytes.byteLength > MAX_REPORT_BYTES) throw tooLarge(bytes.byteLength);
  if (bytes.byteLength === 0) throw emptyFile();
  return format === 'docx' ? docxToText(bytes) : decodeReportText(bytes);
}

/**
 * Reads a report file. The size is checked before a byte is read, so a 5 GB file costs a
 * stat, not the memory.
 * @throws AppError NOT_FOUND, UNSUPPORTED_MEDIA_TYPE, FILE_TOO_LARGE, EMPTY_FILE, NOT_UTF8, INVALID_DOCUMENT.
 */
export async function readReportFile(path: string): Promise<string> {
  formatOf(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (cause) {
    throw new AppError('NOT_FOUND', `report file ${path} not found`, { field: 'file', userMessage: `找不到文件 ${path}`, cause });
  }
  if (size > MAX_REPORT_BYTES) throw tooLarge(size);
  if (size === 0) throw emptyFile();
  // Read at most the limit plus one byte, in case the file grew after the stat.
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, MAX_REPORT_BYTES) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > MAX_REPORT_BYTES) throw tooLarge(filled);
    return await readReportBuffer(buffer.subarray(0, filled), path);
  } finally {
    await handle.close();
  }
}
