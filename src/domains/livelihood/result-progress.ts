/**
 * Progress of tracked results, pure (Decidim accountability): a leaf with a quantified goal
 * (新增托位160个) and an achieved value is as far as the value says; otherwise it is what was
 * reported, else its status's default; a parent's progress is the weighted mean of its children's (weights of zero leave a
 * child out; when all are zero the plain mean is used). Nothing is rounded until presented.
 */
import { RESULT_STATUS_DEFAULT_PROGRESS, type ResultStatus } from '@/shared/livelihood-vocabulary.js';

/** A node of the result tree as the roll-up needs it. */
export interface ProgressNode {
  id: string;
  parentId: string | null;
  weight: number;
  status: ResultStatus;
  progress: number | null;
  goalValue: number | null;
  achievedValue: number | null;
}

/** A leaf's own progress in percent (0–100). */
export function leafProgress(node: ProgressNode): number {
  if (node.goalValue !== null && node.goalValue > 0 && node.achievedValue !== null) return clamp((node.achievedValue / node.goalValue) * 100);
  if (node.progress !== null) return clamp(node.progress);
  return RESULT_STATUS_DEFAULT_PROGRESS[node.status] ?? 0;
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/** The weighted mean of children's progress; plain mean when every weight is zero. */
export function weightedProgress(children: readonly { weight: number; progress: number }[]): number {
  if (children.length === 0) return 0;
  const total = children.reduce((sum, c) => sum + c.weight, 0);
  if (total <= 0) return children.reduce((sum, c) => sum + c.progress, 0) / children.length;
  return children.reduce((sum, c) => sum + c.weight * c.progress, 0) / total;
}

/**
 * The progress of every node of a forest: leaves by {@link leafProgress}, parents by the
 * weighted mean of their children. A node whose parent is missing is treated as a root; a
 * cycle (which the service never writes) is cut where it is found.
 */
export function rollUpProgress(nodes: readonly ProgressNode[]): Map<string, number> {
  const children = new Map<string, ProgressNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) {
    if (node.parentId === null || !ids.has(node.parentId)) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const result = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (node: ProgressNode): number => {
    const known = result.get(node.id);
    if (known !== undefined) return known;
    if (visiting.has(node.id)) return leafProgress(node);
    visiting.add(node.id);
    const kids = children.get(node.id) ?? [];
    const value = kids.length === 0 ? leafProgress(node) : weightedProgress(kids.map((k) => ({ weight: k.weight, progress: visit(k) })));
    visiting.delete(node.id);
    result.set(node.id, value);
    return value;
  };
  for (const node of nodes) visit(node);
  return result;
}
