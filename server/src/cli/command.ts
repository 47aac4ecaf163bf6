/** A CLI subcommand: parses its own arguments, returns the process exit code. */
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** A usage mistake (exit 2), thrown by argument parsing. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Split argv into positionals and `--flag value` / `--flag` options. */
export function parseArgs(argv: string[], booleans: readonly string[] = []): { positionals: string[]; options: Record<string, string | true> } {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        options[a.slice(2, eq)] = a.slice(eq + 1);
      } else if (booleans.includes(a.slice(2))) {
        options[a.slice(2)] = true;
      } else {
        const v = argv[i + 1];
        if (v === undefined) throw new UsageError(`option ${a} needs a value`);
        options[a.slice(2)] = v;
        i++;
      }
    } else if (a === '-o') {
      const v = argv[i + 1];
      if (v === undefined) throw new UsageError('option -o needs a value');
      options.o = v;
      i++;
    } else {
      positionals.push(a);
    }
  }
  return { positionals, options };
}
