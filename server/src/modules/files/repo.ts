/** attachments (knex only). */
import type { Knex } from 'knex';
import { toInt } from '../../db/time';

type Row = Record<string, unknown>;

export interface AttachmentRecord {
  id: number;
  submissionId: number;
  /** Data path of the field / indicator row it belongs to; '' for the whole submission. */
  field: string;
  departmentCode: string;
  originalName: string;
  storedName: string;
  ext: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}

const toAttachment = (r: Row): AttachmentRecord => ({
  id: toInt(r.id),
  submissionId: toInt(r.submission_id),
  field: String(r.field ?? ''),
  departmentCode: String(r.department_code),
  originalName: String(r.original_name),
  storedName: String(r.stored_name),
  ext: String(r.ext),
  mime: String(r.mime),
  sizeBytes: toInt(r.size_bytes),
  sha256: String(r.sha256),
  uploadedBy: r.uploaded_by === null || r.uploaded_by === undefined ? null : String(r.uploaded_by),
  createdAt: String(r.created_at),
});

export async function listAttachments(db: Knex, submissionId: number): Promise<AttachmentRecord[]> {
  return ((await db('attachments').where({ submission_id: submissionId }).orderBy('id')) as Row[]).map(toAttachment);
}

export async function getAttachment(db: Knex, id: number): Promise<AttachmentRecord | undefined> {
  const r = (await db('attachments').where({ id }).first()) as Row | undefined;
  return r ? toAttachment(r) : undefined;
}

export async function insertAttachment(db: Knex, a: Omit<AttachmentRecord, 'id'>): Promise<number> {
  const ids = (await db('attachments').insert({
    submission_id: a.submissionId,
    field: a.field,
    department_code: a.departmentCode,
    original_name: a.originalName,
    stored_name: a.storedName,
    ext: a.ext,
    mime: a.mime,
    size_bytes: a.sizeBytes,
    sha256: a.sha256,
    uploaded_by: a.uploadedBy,
    created_at: a.createdAt,
  })) as unknown[];
  return toInt(ids[0]);
}

export async function deleteAttachment(db: Knex, id: number): Promise<void> {
  await db('attachments').where({ id }).delete();
}

export async function deleteAttachmentsOf(db: Knex, submissionId: number): Promise<void> {
  await db('attachments').where({ submission_id: submissionId }).delete();
}

/** Points an attachment at another field / row (its row moved in the form). */
export async function setAttachmentField(db: Knex, id: number, field: string): Promise<void> {
  await db('attachments').where({ id }).update({ field });
}
