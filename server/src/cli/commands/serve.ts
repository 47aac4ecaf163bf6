/**
 * `jixiao serve [--port 3000] [--host H]`: migrate and seed the database named by DATABASE_URL
 * (default sqlite:./data/jixiao.db), serve the API and the built web apps, print the URL, and
 * shut down cleanly on SIGINT/SIGTERM. PORT in the environment is also accepted (--port wins).
 */
import type { Command } from '../command';
import { parseArgs, UsageError } from '../command';
import { loadConfig } from '../../config';
import { consoleLogger } from '../../http/middleware';
import { startServer } from '../../server';

export const serveCommand: Command = {
  summary: 'serve the API and the web apps',
  async run(argv) {
    const { positionals, options } = parseArgs(argv);
    if (positionals.length > 0) throw new UsageError(`serve takes no arguments: ${positionals.join(' ')}`);
    for (const key of Object.keys(options)) if (key !== 'port' && key !== 'host') throw new UsageError(`unknown option --${key}`);
    const config = loadConfig(process.env);
    if (typeof options.port === 'string') {
      if (!/^\d+$/.test(options.port) || Number(options.port) > 65535) throw new UsageError(`--port needs a port number, got ${options.port}`);
      config.port = Number(options.port);
    }
    const host = typeof options.host === 'string' ? options.host : undefined;
    const log = consoleLogger;
    const running = await startServer(config, log, host);
    const dbLabel = config.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    log.info(`绩效管理系统已启动 / Jixiao is running at ${running.url}  (database: ${dbLabel})`);
    return new Promise<number>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info(`收到 ${signal}，正在关闭 / ${signal} received, shutting down…`);
        running.close().then(
          () => resolve(0),
          (err: unknown) => {
            log.error('关闭时出错 / error while shutting down', err);
            resolve(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
  },
};
