import { extname } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';

// Formats without a magic number that we accept when their bytes look like text.
const TEXT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.vcf': 'text/vcard',
  '.ics': 'text/calendar',
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.eml': 'message/rfc822',
};

const EXECUTABLE = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/vnd.microsoft.portable-executable',
  'application/x-msi',
  'application/x-apple-diskimage',
  'application/java-archive',
]);

// OOXML files are zip containers; older file-type versions may only see the zip.
const CONTAINERS: Record<string, string[]> = { zip: ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'epub', 'zip'] };

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    // Windows-125x text is fine too as long as there are no control bytes besides tab/CR/LF
    return !head.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
  }
}

/**
 * The real type of an upload from its first bytes. Refuses executables, files whose content does
 * not match their extension (a ".pdf" that is an .exe), and unknown binary content.
 */
export async function sniffUpload(fileName: string, head: Buffer): Promise<{ mimeType: string }> {
  const ext = extname(fileName).toLowerCase();
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    if (EXECUTABLE.has(detected.mime) || detected.ext === 'exe') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Programs cannot be uploaded');
    }
    const claimed = ext.slice(1);
    const compatible =
      !claimed ||
      claimed === detected.ext ||
      (claimed === 'jpeg' && detected.ext === 'jpg') ||
      (claimed === 'tif' && detected.ext === 'tif') ||
      (CONTAINERS[detected.ext]?.includes(claimed) ?? false);
    if (!compatible) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The file is a .${detected.ext}, not a ${ext} as its name says`);
    }
    return { mimeType: detected.mime };
  }
  if (head.length === 0) return { mimeType: TEXT_TYPES[ext] ?? 'application/octet-stream' };
  if (TEXT_TYPES[ext] && looksLikeText(head)) return { mimeType: TEXT_TYPES[ext] };
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Files of this kind (${ext || 'no extension'}) are not accepted`);
}
