import type { Command } from '../command';

/** Placeholder until the eval command lands in this session's work. */
export const evalCommand: Command = {
  summary: 'eval',
  async run() {
    process.stderr.write('jixiao eval: not available in this build\n');
    return 2;
  },
};
