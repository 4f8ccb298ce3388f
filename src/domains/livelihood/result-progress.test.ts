import { describe, expect, it } from 'vitest';
import { leafProgress, rollUpProgress, weightedProgress, type ProgressNode } from './result-progress.js';

const node = (id: string, parentId: string | null, patch: Partial<ProgressNode> = {}): ProgressNode => ({
  id,
  parentId,
  weight: 1,
  status: 'in_progress',
  progress: null,
  goalValue: null,
  achievedValue: null,
  ...patch,
});

describe('leafProgress', () => {
  it.each([
    ['a quantified goal wins over a reported percent', { progress: 40, goalValue: 160, achievedValue: 160 }, 100],
    ['reported progress without an achieved value', { progress: 40, goalValue: 160 }, 40],
    ['goal and achieved value: 80 of 160 托位', { goalValue: 160, achievedValue: 80 }, 50],
    ['more than the goal is 100%', { goalValue: 160, achievedValue: 200 }, 100],
    ['status default: completed', { status: 'completed' as const }, 100],
    ['status default: started', { status: 'started' as const }, 10],
    ['status without a default: 0', { status: 'delayed' as const }, 0],
  ])('%s', (_name, patch, expected) => {
    expect(leafProgress(node('x', null, patch))).toBe(expected);
  });
});

describe('weightedProgress', () => {
  it.each([
    [[], 0],
    [[{ weight: 1, progress: 100 }, { weight: 1, progress: 0 }], 50],
    [[{ weight: 3, progress: 100 }, { weight: 1, progress: 0 }], 75],
    [[{ weight: 0, progress: 100 }, { weight: 2, progress: 20 }], 20],
    [[{ weight: 0, progress: 100 }, { weight: 0, progress: 20 }], 60],
  ])('%j → %d', (children, expected) => {
    expect(weightedProgress(children)).toBe(expected);
  });
});

describe('rollUpProgress', () => {
  it('rolls weighted progress up two levels', () => {
    const nodes = [
      node('root', null, { progress: 5 }), // a parent's own figure is ignored
      node('a', 'root', { weight: 2 }),
      node('a1', 'a', { progress: 100 }),
      node('a2', 'a', { progress: 50 }),
      node('b', 'root', { weight: 1, goalValue: 160, achievedValue: 40 }),
    ];
    const p = rollUpProgress(nodes);
    expect(p.get('a')).toBe(75);
    expect(p.get('b')).toBe(25);
    expect(p.get('root')).toBeCloseTo((2 * 75 + 25) / 3, 10);
  });

  it('treats an orphan as a root and survives a cycle', () => {
    const p = rollUpProgress([node('x', 'missing', { progress: 30 }), node('c1', 'c2', { progress: 10 }), node('c2', 'c1', { progress: 20 })]);
    expect(p.get('x')).toBe(30);
    expect(p.has('c1') && p.has('c2')).toBe(true);
  });
});
