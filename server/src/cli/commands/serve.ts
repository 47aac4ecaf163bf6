import type { Command } from '../command';

/** Placeholder until the serve command lands in this session's work. */
export const serveCommand: Command = {
  summary: 'serve',
  async run() {
    process.stderr.write('jixiao serve: not available in this build\n');
    return 2;
  },
};
