import { readFile } from 'node:fs/promises';
import type { Download } from '@playwright/test';

/** A finished download: its suggested name and bytes. */
export interface DownloadedFile {
  name: string;
  bytes: Buffer;
  text: string;
}

export async function readDownload(download: Download): Promise<DownloadedFile> {
  const path = await download.path();
  const bytes = await readFile(path);
  return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** A file to hand to a file chooser. */
export function file(name: string, content: string | Buffer, mimeType = 'text/csv'): {
  name: string;
  mimeType: string;
  buffer: Buffer;
} {
  return { name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content };
}
