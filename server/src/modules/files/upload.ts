/**
 * Reading one multipart upload (formidable) into a temporary file, with a size limit, and
 * checking its type by extension AND by magic bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import formidable from 'formidable';
import { BadRequestError, HttpError } from '../../http/errors';
import type { AppContext } from '../../http/types';

export interface Upload {
  /** The client's file name (base name only). */
  originalName: string;
  /** Where formidable put it; remove with `discard()` unless moved. */
  tempPath: string;
  size: number;
  /** Other (text) form fields. */
  fields: Record<string, string>;
  discard(): Promise<void>;
}

export class FileTooLargeError extends HttpError {
  override name = 'FileTooLargeError';
  constructor(maxBytes: number) {
    super(413, 'FILE_TOO_LARGE', `文件过大，最大 ${Math.floor(maxBytes / 1024 / 1024)} MB`, { maxBytes });
  }
}

export class FileTypeError extends HttpError {
  override name = 'FileTypeError';
  constructor(message: string, details?: unknown) {
    super(415, 'FILE_TYPE_NOT_ALLOWED', message, details);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Reads the multipart body of `ctx`: exactly one file in the form field `fileField`, at most
 * `maxBytes`. 400 when the request is not multipart or has no file; 413 when too large.
 */
export async function readUpload(ctx: Pick<AppContext, 'req' | 'get'>, opts: { maxBytes: number; tempDir: string; fileField?: string }): Promise<Upload> {
  const fileField = opts.fileField ?? 'file';
  if (!/^multipart\/form-data/i.test(ctx.get('content-type'))) {
    throw new BadRequestError('请以 multipart/form-data 上传文件', 'NOT_MULTIPART');
  }
  // one directory per request: whatever formidable leaves behind on an error goes with it
  fs.mkdirSync(opts.tempDir, { recursive: true });
  const dir = await fs.promises.mkdtemp(path.join(opts.tempDir, 'up-'));
  const removeDir = async (): Promise<void> => {
    await fs.promises.rm(dir, { recursive: true, force: true });
  };
  const form = formidable({
    uploadDir: dir,
    maxFiles: 1,
    maxFileSize: opts.maxBytes,
    maxTotalFileSize: opts.maxBytes,
    maxFields: 20,
    maxFieldsSize: 64 * 1024,
    allowEmptyFiles: false,
    keepExtensions: false,
  });
  let parsed: [formidable.Fields, formidable.Files];
  try {
    parsed = await form.parse(ctx.req);
  } catch (err) {
    // let a file write that is still opening finish before removing the directory
    await new Promise((resolve) => setTimeout(resolve, 20));
    await removeDir();
    const code = isRecord(err) ? err.code : undefined;
    if (code === 1009 || code === 1016) throw new FileTooLargeError(opts.maxBytes);
    if (code === 1010) throw new BadRequestError('文件为空', 'EMPTY_FILE');
    if (code === 1015) throw new BadRequestError('一次只能上传一个文件', 'TOO_MANY_FILES');
    throw new BadRequestError('无法读取上传内容', 'BAD_MULTIPART');
  }
  const [fields, files] = parsed;
  const all = Object.values(files).flatMap((list) => list ?? []);
  const file = files[fileField]?.[0];
  const discardAll = async (): Promise<void> => {
    await Promise.all(all.map((f) => fs.promises.rm(f.filepath, { force: true })));
    await removeDir();
  };
  if (!file) {
    await discardAll();
    throw new BadRequestError(`缺少文件（表单字段 ${fileField}）`, 'NO_FILE');
  }
  const textFields: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v && v[0] !== undefined) textFields[k] = v[0];
  return {
    originalName: path.basename((file.originalFilename ?? 'file').replace(/\\/g, '/')).slice(0, 255) || 'file',
    tempPath: file.filepath,
    size: file.size,
    fields: textFields,
    discard: discardAll,
  };
}

// ---- types -----------------------------------------------------------------------------------

interface FileType {
  mime: string;
  magic: readonly (readonly number[])[];
}

const ZIP: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];
const OLE: readonly (readonly number[])[] = [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]];

/** The allowlist: extension → MIME type and the magic bytes its content must start with. */
export const ALLOWED_TYPES: Readonly<Record<string, FileType>> = {
  pdf: { mime: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  jpg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  png: { mime: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  doc: { mime: 'application/msword', magic: OLE },
  xls: { mime: 'application/vnd.ms-excel', magic: OLE },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  zip: { mime: 'application/zip', magic: ZIP },
};

export const extensionOf = (name: string): string => {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? (m[1] as string).toLowerCase() : '';
};

/** Checks extension and content; returns the extension and MIME type, or throws 415. */
export async function checkType(upload: Upload, allowed: readonly string[] = Object.keys(ALLOWED_TYPES)): Promise<{ ext: string; mime: string }> {
  const ext = extensionOf(upload.originalName);
  const type = ALLOWED_TYPES[ext];
  if (!type || !allowed.includes(ext)) {
    throw new FileTypeError(`不支持的文件类型${ext ? ` .${ext}` : ''}，允许：${allowed.join('、')}`, { ext, allowed });
  }
  const fh = await fs.promises.open(upload.tempPath, 'r');
  const head = Buffer.alloc(8);
  try {
    await fh.read(head, 0, 8, 0);
  } finally {
    await fh.close();
  }
  if (!type.magic.some((m) => m.every((b, i) => head[i] === b))) {
    throw new FileTypeError(`文件内容与扩展名 .${ext} 不符`, { ext, allowed });
  }
  return { ext, mime: type.mime };
}
