/**
 * `jixiao` command dispatcher. Exit codes: 0 ok, 1 invalid input (the message says where),
 * 2 usage or syntax error.
 */
import type { Command } from './command';
import { evalCommand } from './commands/eval';
import { scoreCommand } from './commands/score';
import { packCommand } from './commands/pack';
import { serveCommand } from './commands/serve';

const COMMANDS: Record<string, Command> = {
  eval: evalCommand,
  score: scoreCommand,
  pack: packCommand,
  serve: serveCommand,
};

const USAGE = `用法 / usage: jixiao <command> [options]

  eval FORMULA [--data JSON|@file]     evaluate one formula
  eval --jsonl                         evaluate {"formula","data"} lines from stdin
  score --template T.json --data D.json [--department CODE]
  pack validate|build|types|import|diff …
  serve [--port 3000]
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`jixiao: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return command.run(rest);
}
