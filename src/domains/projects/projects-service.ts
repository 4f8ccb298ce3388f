/**
 * 重点项目: the project library, milestones with approval, monthly reports and traffic lights.
 */
import type { Db } from '@/db/database.js';
import type { Actor } from '@/shared/actor.js';

/** A project whose light is red or yellow, as the supervision board offers it as a source. */
export interface LaggingProject {
  id: number;
  code: string;
  name: string;
  regionCode: string;
  ownerDepartmentCode: string | null;
  light: 'yellow' | 'red';
  /** Why, in Chinese (e.g. 投资完成率落后序时进度 32.1 个百分点). */
  reason: string;
}

/** Projects in the actor's scope that are red or yellow now (the supervision board's source list). */
export async function listLaggingProjects(options: { db: Db; actor: Actor; now?: Date }): Promise<LaggingProject[]> {
  void options;
  await Promise.resolve();
  return [];
}
