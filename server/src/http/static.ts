/**
 * Serves the built web apps: the runtime (runtime/build) at `/` and the designer
 * (designer/build) at `/designer/`, each with an SPA fallback to its index.html for GETs that
 * match no file. When an app is not built, a plain zh-CN page says so. /api is never touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import serveStatic from 'koa-static';
import type { AppContext, AppMiddleware } from './types';
import type { ServerConfig } from '../config';

const NOT_BUILT = (app: string, dir: string): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>绩效管理系统</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#333;line-height:1.6}code{background:#f4f4f4;padding:0 .3em}</style>
</head><body>
<h1>网页应用尚未构建</h1>
<p>${app}的网页文件不存在（${dir.replace(/[<>&]/g, '')}）。请在项目根目录运行 <code>npm run build:web</code>（或 <code>npm start</code>，它会先构建），然后刷新本页。</p>
<p>服务器接口已在 <code>/api</code> 下运行，例如 <a href="/api/health">/api/health</a>。</p>
<p lang="en">The web app is not built yet: run <code>npm run build:web</code> in the project root, then reload.</p>
</body></html>`;

const looksLikePage = (ctx: AppContext): boolean => (ctx.method === 'GET' || ctx.method === 'HEAD') && path.extname(ctx.path) === '';

function sendIndex(ctx: AppContext, dir: string, appName: string): void {
  const index = path.join(dir, 'index.html');
  ctx.set('Cache-Control', 'no-cache');
  ctx.type = 'text/html; charset=utf-8';
  if (fs.existsSync(index)) {
    ctx.status = 200;
    ctx.body = fs.createReadStream(index);
  } else {
    ctx.status = 200;
    ctx.body = NOT_BUILT(appName, dir);
  }
}

function staticFor(dir: string): AppMiddleware {
  const mw = serveStatic(dir, {
    index: 'index.html',
    setHeaders(res, filePath) {
      // Vite puts content-hashed files under assets/: cache them for good; index.html never.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });
  return mw as unknown as AppMiddleware;
}

export function webApps(config: ServerConfig): AppMiddleware {
  const runtime = staticFor(config.runtimeDir);
  const designer = staticFor(config.designerDir);
  return async (ctx, next) => {
    const p = ctx.path;
    if (p === '/api' || p.startsWith('/api/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    if (p === '/designer') {
      ctx.redirect(`/designer/${ctx.querystring ? `?${ctx.querystring}` : ''}`);
      return;
    }
    if (p.startsWith('/designer/')) {
      const original = ctx.path;
      ctx.path = p.slice('/designer'.length);
      let missed = false;
      try {
        await designer(ctx, async () => {
          missed = true;
        });
      } finally {
        ctx.path = original;
      }
      if (missed) {
        if (looksLikePage(ctx)) sendIndex(ctx, config.designerDir, '设计器');
        else await next();
      }
      return;
    }
    let missed = false;
    await runtime(ctx, async () => {
      missed = true;
    });
    if (missed) {
      if (looksLikePage(ctx)) sendIndex(ctx, config.runtimeDir, '填报端');
      else await next();
    }
  };
}
