/**
 * The engine version and a small semver range check for `pack.json`'s `engine` key:
 * comparators `>= > <= < =`, caret `^1.2.3`, tilde `~1.2.3`, wildcards `1.x` / `*`, hyphen ranges
 * `1.0.0 - 2.0.0`, space for AND and `||` for OR. Pre-release tags compare as in semver.
 */

/** The version of @jixiao/engine (keep in step with engine/package.json). */
export const ENGINE_VERSION = '0.1.0';

type Version = [number, number, number, string[]];

const VERSION = /^v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parse(v: string): { parts: (number | undefined)[]; pre: string[] } | undefined {
  const m = VERSION.exec(v.trim());
  if (!m) return undefined;
  const num = (s: string | undefined): number | undefined => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  return { parts: [Number(m[1]), num(m[2]), num(m[3])], pre: m[4] ? m[4].split('.') : [] };
}

export function parseVersion(v: string): Version | undefined {
  const p = parse(v);
  if (!p || p.parts.some((x) => x === undefined)) return undefined;
  return [p.parts[0] as number, p.parts[1] as number, p.parts[2] as number, p.pre];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  const pa = a[3];
  const pb = b[3];
  if (pa.length === 0 || pb.length === 0) return pa.length === pb.length ? 0 : pa.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

type Comparator = { op: '>=' | '>' | '<=' | '<' | '='; v: Version };

/** Comparators of one range term (`^1.2.3`, `>=1.0.0`, `1.x`); undefined when malformed. */
function term(t: string): Comparator[] | undefined {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.*)$/.exec(t);
  if (!m) return undefined;
  const op = m[1] ?? '';
  const p = parse(m[2] as string);
  if (!p) return undefined;
  const [maj, min, pat] = p.parts as [number, number | undefined, number | undefined];
  const v = (a: number, b: number, c: number, pre: string[] = []): Version => [a, b, c, pre];
  const lo = v(maj, min ?? 0, pat ?? 0, p.pre);
  if (op === '' || op === '=') {
    if (min === undefined) return [{ op: '>=', v: v(maj, 0, 0) }, { op: '<', v: v(maj + 1, 0, 0, ['0']) }];
    if (pat === undefined) return [{ op: '>=', v: v(maj, min, 0) }, { op: '<', v: v(maj, min + 1, 0, ['0']) }];
    return [{ op: '=', v: lo }];
  }
  if (op === '^') {
    const hi = maj > 0 || min === undefined ? v(maj + 1, 0, 0, ['0']) : min > 0 || pat === undefined ? v(0, min + 1, 0, ['0']) : v(0, 0, pat + 1, ['0']);
    return [{ op: '>=', v: lo }, { op: '<', v: hi }];
  }
  if (op === '~') {
    const hi = min === undefined ? v(maj + 1, 0, 0, ['0']) : v(maj, min + 1, 0, ['0']);
    return [{ op: '>=', v: lo }, { op: '<', v: hi }];
  }
  return [{ op: op as Comparator['op'], v: lo }];
}

function passes(c: Comparator, x: Version): boolean {
  const r = compareVersions(x, c.v);
  switch (c.op) {
    case '>=':
      return r >= 0;
    case '>':
      return r > 0;
    case '<=':
      return r <= 0;
    case '<':
      return r < 0;
    default:
      return r === 0;
  }
}

/** Whether `version` is in `range`; undefined when either does not parse. */
export function satisfies(version: string, range: string): boolean | undefined {
  const x = parseVersion(version);
  if (!x) return undefined;
  const alternatives = range.split('||').map((s) => s.trim());
  let any = false;
  for (const alt of alternatives) {
    let comps: Comparator[] = [];
    if (alt === '' || alt === '*' || alt === 'x') comps = [];
    else {
      const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(alt);
      const terms = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : alt.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/);
      for (const t of terms) {
        const c = term(t);
        if (!c) return undefined;
        comps = comps.concat(c);
      }
    }
    // a pre-release version only matches comparators on the same [major, minor, patch] with a pre-release
    const preOk = x[3].length === 0 || comps.some((c) => c.v[3].length > 0 && c.v[0] === x[0] && c.v[1] === x[1] && c.v[2] === x[2]);
    if (preOk && comps.every((c) => passes(c, x))) any = true;
  }
  return any;
}
