/**
 * Attachments: `/api/submissions/:id/files` (list in scope; upload with `submission.fill`) and
 * `/api/files/:id` (metadata, download, delete). Out of scope: reads 404, writes 403.
 */
import path from 'node:path';
import type { AppDeps, AppRouter } from '../../http/types';
import { requirePermission } from '../../http/guard';
import { getScope } from '../../http/scope';
import { actorOf } from '../audit/service';
import { idParam } from '../projects/routes';
import * as files from './service';
import { readUpload } from './upload';

export function register(router: AppRouter, deps: AppDeps): void {
  const { db, config, log } = deps;

  router.get('/api/submissions/:id/files', async (ctx) => {
    ctx.body = await files.listForSubmission(db, await getScope(ctx), idParam(ctx));
  });

  router.post('/api/submissions/:id/files', requirePermission('submission.fill'), async (ctx) => {
    const id = idParam(ctx);
    const scope = await getScope(ctx);
    await files.assertCanAttach(db, scope, id); // before reading the body
    const upload = await readUpload(ctx, { maxBytes: config.uploadMaxBytes, tempDir: path.join(config.filesDir, '.tmp') });
    try {
      ctx.status = 201;
      ctx.body = await files.attach(db, actorOf(ctx), scope, config.filesDir, id, upload);
    } finally {
      await upload.discard();
    }
  });

  router.get('/api/files/:id', async (ctx) => {
    ctx.body = files.attachmentView(await files.getInScope(db, await getScope(ctx), idParam(ctx)));
  });

  router.get('/api/files/:id/download', async (ctx) => {
    const a = await files.getInScope(db, await getScope(ctx), idParam(ctx));
    const stream = files.openStored(config.filesDir, a);
    ctx.set('Content-Disposition', files.contentDisposition(a.originalName));
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = a.mime;
    ctx.length = a.sizeBytes;
    ctx.body = stream;
  });

  router.delete('/api/files/:id', requirePermission('submission.fill'), async (ctx) => {
    await files.removeAttachment(db, actorOf(ctx), await getScope(ctx), config.filesDir, idParam(ctx), log);
    ctx.status = 204;
  });
}
