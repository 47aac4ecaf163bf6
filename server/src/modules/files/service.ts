/**
 * Attachments of a submission (or of one of its fields / indicator rows): stored under
 * `config.filesDir` with random names (never the client's name), outside any web root, and
 * streamed back only to users whose scope holds the submission's department.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { now } from '../../db/time';
import { ConflictError, NotFoundError, ForbiddenError, ValidationError } from '../../http/errors';
import { inScope } from '../../http/scope';
import type { Logger, Scope } from '../../http/types';
import { recordAudit, type Actor } from '../audit/service';
import { getSubmissionForWrite, getSubmissionInScope } from '../submissions/service';
import * as repo from './repo';
import { checkType, type Upload } from './upload';

export type { AttachmentRecord } from './repo';

export interface AttachmentView {
  id: number;
  submissionId: number;
  field: string | null;
  name: string;
  ext: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}

export const attachmentView = (a: repo.AttachmentRecord): AttachmentView => ({
  id: a.id,
  submissionId: a.submissionId,
  field: a.field === '' ? null : a.field,
  name: a.originalName,
  ext: a.ext,
  mime: a.mime,
  size: a.sizeBytes,
  sha256: a.sha256,
  uploadedBy: a.uploadedBy,
  createdAt: a.createdAt,
});

/** A data path such as `indicators[2]`, `funds.reason`. */
export const FIELD_PATH = /^[\p{L}_][\p{L}\p{N}_]*(\[\d+\])*(\.[\p{L}_][\p{L}\p{N}_]*(\[\d+\])*)*$/u;
const EDITABLE = ['draft', 'returned'];

const storedPath = (filesDir: string, storedName: string): string => {
  if (!/^[a-f0-9]{32}$/.test(storedName)) throw new Error(`bad stored attachment name ${storedName}`);
  return path.join(filesDir, storedName.slice(0, 2), storedName);
};

export async function listForSubmission(db: Knex, scope: Scope, submissionId: number): Promise<{ items: AttachmentView[] }> {
  const s = await getSubmissionInScope(db, scope, submissionId);
  return { items: (await repo.listAttachments(db, s.id)).map(attachmentView) };
}

/** The attachment if it exists and its department is in scope, else 404. */
export async function getInScope(db: Knex, scope: Scope, id: number): Promise<repo.AttachmentRecord> {
  const a = await repo.getAttachment(db, id);
  if (!a || !inScope(scope, a.departmentCode)) throw new NotFoundError('附件不存在', 'FILE_NOT_FOUND');
  return a;
}

/** Checks before reading an upload's body: the submission exists, is in scope (403) and editable (409). */
export async function assertCanAttach(db: Knex, scope: Scope, submissionId: number): Promise<void> {
  const s = await getSubmissionForWrite(db, scope, submissionId);
  if (!EDITABLE.includes(s.status)) throw new ConflictError('已提交的填报不能修改附件', 'INVALID_STATUS', { status: s.status });
}

export async function attach(db: Knex, actor: Actor, scope: Scope, filesDir: string, submissionId: number, upload: Upload): Promise<AttachmentView> {
  const field = (upload.fields.field ?? '').trim();
  if (field !== '' && (field.length > 300 || !FIELD_PATH.test(field))) throw ValidationError.single('field', '字段路径格式不正确（如 indicators[2]）', 'FIELD_PATH');
  const { ext, mime } = await checkType(upload);
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(upload.tempPath)) hash.update(chunk as Buffer);
  const storedName = crypto.randomBytes(16).toString('hex');
  const target = storedPath(filesDir, storedName);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(upload.tempPath, target);
  try {
    return await db.transaction(async (trx) => {
      const s = await getSubmissionForWrite(trx, scope, submissionId);
      if (!EDITABLE.includes(s.status)) throw new ConflictError('已提交的填报不能修改附件', 'INVALID_STATUS', { status: s.status });
      const record: Omit<repo.AttachmentRecord, 'id'> = {
        submissionId: s.id,
        field,
        departmentCode: s.departmentCode,
        originalName: upload.originalName,
        storedName,
        ext,
        mime,
        sizeBytes: upload.size,
        sha256: hash.digest('hex'),
        uploadedBy: actor.username,
        createdAt: now(),
      };
      const id = await repo.insertAttachment(trx, record);
      const view = attachmentView({ ...record, id });
      await recordAudit(trx, actor, { entityType: 'attachment', entityId: id, action: 'upload', after: view });
      return view;
    });
  } catch (err) {
    await fs.promises.rm(target, { force: true });
    throw err;
  }
}

export async function removeAttachment(db: Knex, actor: Actor, scope: Scope, filesDir: string, id: number, log: Logger): Promise<void> {
  const stored = await db.transaction(async (trx) => {
    const a = await repo.getAttachment(trx, id);
    if (!a) throw new NotFoundError('附件不存在', 'FILE_NOT_FOUND');
    if (!inScope(scope, a.departmentCode)) throw new ForbiddenError('该部门不在您的管理范围内', 'OUT_OF_SCOPE', { department: a.departmentCode });
    const s = await getSubmissionForWrite(trx, scope, a.submissionId);
    if (!EDITABLE.includes(s.status)) throw new ConflictError('已提交的填报不能修改附件', 'INVALID_STATUS', { status: s.status });
    await repo.deleteAttachment(trx, id);
    await recordAudit(trx, actor, { entityType: 'attachment', entityId: id, action: 'delete', before: attachmentView(a) });
    return a.storedName;
  });
  await removeStored(filesDir, [stored], log);
}

/** Removes stored files after their rows are gone (a failure is logged, never raised). */
export async function removeStored(filesDir: string, storedNames: readonly string[], log: Logger): Promise<void> {
  for (const name of storedNames) {
    try {
      await fs.promises.rm(storedPath(filesDir, name), { force: true });
    } catch (err) {
      log.warn(`无法删除附件文件 ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** A readable stream of the stored file (404 when the file has gone missing from disk). */
export function openStored(filesDir: string, a: repo.AttachmentRecord): fs.ReadStream {
  const p = storedPath(filesDir, a.storedName);
  if (!fs.existsSync(p)) throw new NotFoundError('附件文件不存在', 'FILE_MISSING');
  return fs.createReadStream(p);
}

/** Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 name (Chinese file names). */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
