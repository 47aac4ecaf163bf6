import type { Command } from '../command';

/** Placeholder until the score command lands in this session's work. */
export const scoreCommand: Command = {
  summary: 'score',
  async run() {
    process.stderr.write('jixiao score: not available in this build\n');
    return 2;
  },
};
