/**
 * Attachments of a submission (docs/api.md, 附件): list, upload (multipart, with progress),
 * download, delete. `field` is a data path such as `indicators[2]`, or null for the whole form.
 */
import { api, ApiError, errorFromResponse } from './client';

export interface Attachment {
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

export const listAttachments = (submissionId: number) => api.get<{ items: Attachment[] }>(`/api/submissions/${submissionId}/files`);

export const deleteAttachment = (id: number) => api.delete<void>(`/api/files/${id}`);

export const attachmentDownloadUrl = (id: number): string => `/api/files/${id}/download`;

/**
 * Upload one file. XMLHttpRequest rather than fetch: only it reports upload progress
 * (`onProgress` gets 0–100). Errors are the same ApiErrors as the JSON client's.
 */
export function uploadAttachment(
  submissionId: number,
  file: Blob & { name?: string },
  field: string | null,
  onProgress?: (percent: number) => void,
): Promise<Attachment> {
  const path = `/api/submissions/${submissionId}/files`;
  const body = new FormData();
  if (field !== null) body.append('field', field);
  body.append('file', file, file.name ?? 'file');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress !== undefined) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络'));
    xhr.onload = () => {
      let data: unknown = undefined;
      try {
        data = xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as Attachment);
      else reject(errorFromResponse(xhr.status, data, path));
    };
    xhr.send(body);
  });
}

/** "1.5 KB", "2.3 MB" (1024-based, as the server's size limit). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The server's field path of a table row: Formily address "a.b" and index 2 → "a.b[2]"; "a.0.b" → "a[0].b". */
export function rowFieldPath(arrayAddress: string, index: number): string {
  const path = arrayAddress.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  return `${path}[${index}]`;
}
