/**
 * 督查督办: supervision items, their workflow, notices, unit ratings and the 红黄黑榜.
 */
import type { Db } from '@/db/database.js';
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';

/** Where a supervision item came from. */
export type SupervisionSourceType = 'leadership' | 'case' | 'indicator' | 'project' | 'deputy_suggestion' | 'other';

/** A unit that leads or assists: a department of the district or a region (a town's government). */
export interface SupervisionUnit {
  kind: 'department' | 'region';
  code: string;
}

/** What another domain (or the supervision board) gives to raise an item. */
export interface RaiseSupervisionInput {
  sourceType: SupervisionSourceType;
  /** The source record's id in its domain (case number, project id, indicator code …); null for leadership instructions. */
  sourceId: string | null;
  title: string;
  description: string;
  /** The region the item concerns (scope: who may see it). */
  regionCode: string;
  leadUnit: SupervisionUnit;
  assistingUnits?: SupervisionUnit[];
  /** The deadline, a calendar date `YYYY-MM-DD` (end of that day, China time). */
  deadline: string;
}

/**
 * Raises a supervision item (待交办) from any source, in its own transaction with its audit
 * row. The contract other domains call; the projects domain uses it for problems raised on a project.
 */
export async function raiseSupervisionItem(options: { db: Db; actor: Actor; input: RaiseSupervisionInput }): Promise<{ id: number; code: string }> {
  void options;
  await Promise.resolve();
  throw new AppError('INTERNAL', 'raiseSupervisionItem is not built yet');
}
