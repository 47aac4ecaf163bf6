/** Pure department-tree functions over a flat list (code, parent). */

export interface TreeNode {
  code: string;
  parentCode: string | null;
}

/** `code` and every department below it (breadth-first; tolerant of stray cycles in data). */
export function subtreeCodes(nodes: readonly TreeNode[], code: string): string[] {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentCode === null) continue;
    const list = children.get(n.parentCode);
    if (list) list.push(n.code);
    else children.set(n.parentCode, [n.code]);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const queue = [code];
  while (queue.length > 0) {
    const c = queue.shift() as string;
    if (seen.has(c)) continue;
    seen.add(c);
    out.push(c);
    for (const child of children.get(c) ?? []) queue.push(child);
  }
  return out;
}

/** The chain from `code` up to its root: [code, parent, grandparent, …]. */
export function ancestorChain(nodes: readonly TreeNode[], code: string): string[] {
  const parent = new Map(nodes.map((n) => [n.code, n.parentCode] as const));
  const out: string[] = [];
  const seen = new Set<string>();
  let c: string | null | undefined = code;
  while (c !== null && c !== undefined && !seen.has(c)) {
    seen.add(c);
    out.push(c);
    c = parent.get(c);
  }
  return out;
}

/** Would making `newParent` the parent of `code` create a cycle? */
export function wouldCycle(nodes: readonly TreeNode[], code: string, newParent: string): boolean {
  return subtreeCodes(nodes, code).includes(newParent);
}

export interface Nested<T> {
  node: T;
  children: Nested<T>[];
}

/** Nests a flat list; nodes whose parent is missing become roots. */
export function nest<T extends TreeNode>(nodes: readonly T[]): Nested<T>[] {
  const byCode = new Map<string, Nested<T>>(nodes.map((n) => [n.code, { node: n, children: [] }]));
  const roots: Nested<T>[] = [];
  for (const n of nodes) {
    const me = byCode.get(n.code) as Nested<T>;
    const parent = n.parentCode !== null ? byCode.get(n.parentCode) : undefined;
    if (parent && parent !== me) parent.children.push(me);
    else roots.push(me);
  }
  return roots;
}
