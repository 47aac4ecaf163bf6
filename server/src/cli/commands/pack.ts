import type { Command } from '../command';

/** Placeholder until the pack command lands in this session's work. */
export const packCommand: Command = {
  summary: 'pack',
  async run() {
    process.stderr.write('jixiao pack: not available in this build\n');
    return 2;
  },
};
