import { type Clause, type ClauseDiff, type DiffPart, type RoleRules, type RuleChange } from '@forefront/contract';

/**
 * A readable diff between two MOU versions: clause by clause, word by word, plus every changed
 * role rule. Signatories read this before signing a new version, so it must show every change
 * (a word added to a clause can change what an officer may do).
 */

/** Words and the whitespace after them, so joining the parts gives back the exact text. */
const tokens = (text: string): string[] => [...(text.match(/\S+\s*|\s+/g) ?? [])];

/** Beyond this many LCS cells (two ~2,000-word clauses), compare whole paragraphs instead of words. */
const MAX_CELLS = 4_000_000;

export function diffWords(from: string, to: string): DiffPart[] {
  if (from === to) return from ? [{ op: 'equal', text: from }] : [];
  let a = tokens(from);
  let b = tokens(to);
  if (a.length * b.length > MAX_CELLS) {
    a = from.split(/(?<=\n)/);
    b = to.split(/(?<=\n)/);
    if (a.length * b.length > MAX_CELLS)
      return merge([
        { op: 'delete', text: from },
        { op: 'insert', text: to },
      ]);
  }
  // Trim the common prefix and suffix first: most edits touch a few words of a long clause.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  // Longest common subsequence table over the middle.
  const n = midA.length;
  const m = midB.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const parts: DiffPart[] = [{ op: 'equal', text: a.slice(0, start).join('') }];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      parts.push({ op: 'equal', text: midA[i]! });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      parts.push({ op: 'insert', text: midB[j++]! });
    } else {
      parts.push({ op: 'delete', text: midA[i++]! });
    }
  }
  parts.push({ op: 'equal', text: a.slice(endA).join('') });
  return merge(parts);
}

/** Joins neighbouring parts of the same kind and drops empty ones. */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

export function diffClauses(from: readonly Clause[], to: readonly Clause[]): ClauseDiff[] {
  const before = new Map(from.map((c) => [c.key, c]));
  const after = new Map(to.map((c) => [c.key, c]));
  // Clauses in the new version's order, then the removed ones where they were.
  const keys = [...to.map((c) => c.key), ...from.map((c) => c.key).filter((k) => !after.has(k))];
  return keys.map((key) => {
    const a = before.get(key);
    const b = after.get(key);
    if (!a) return { key, change: 'added', titleFrom: null, titleTo: b!.title, parts: diffWords('', b!.text) };
    if (!b) return { key, change: 'removed', titleFrom: a.title, titleTo: null, parts: diffWords(a.text, '') };
    const same = a.title === b.title && a.text === b.text;
    return {
      key,
      change: same ? 'unchanged' : 'changed',
      titleFrom: a.title,
      titleTo: b.title,
      parts: diffWords(a.text, b.text),
    };
  });
}

/** A leaf as shown in a change: absent is empty; an object met opposite a scalar is shown as JSON. */
const leafText = (v: unknown): string =>
  v === undefined
    ? ''
    : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : JSON.stringify(v);

/** Every leaf of the role rules that differs, as `path: from -> to`. */
export function diffRoleRules(from: RoleRules, to: RoleRules): RuleChange[] {
  const changes: RuleChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys)
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
    } else if (a !== b) {
      changes.push({ rule: path, from: leafText(a), to: leafText(b) });
    }
  };
  walk(from, to, '');
  return changes;
}
