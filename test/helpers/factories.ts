/**
 * Factories for tests: the demo district, and accounts with known passwords.
 */
import { seedDemo } from '@/domains/demo/demo-service.js';
import { createUser, type UserView } from '@/domains/users/users-service.js';
import type { AppContext } from '@/server/context.js';
import { systemActor, type Role } from '@/shared/actor.js';

/** Seeds the standard demo district into a test database. */
export async function seedStandardDemo(ctx: AppContext) {
  return seedDemo({ db: ctx.db, actor: systemActor('test:seed') });
}

let counter = 0;

/** Creates an account with a known password. */
export async function createTestUser(
  ctx: AppContext,
  options: { role: Role; regionCode: string; departmentCode?: string; username?: string; phone?: string },
): Promise<UserView & { password: string }> {
  counter += 1;
  const password = `Test-password-${counter}x`;
  const user = await createUser({
    db: ctx.db,
    actor: systemActor('test:factory'),
    input: {
      username: options.username ?? `t${counter}.${options.role.replace(/_/g, '-')}`,
      displayName: `测试用户${counter}`,
      role: options.role,
      regionCode: options.regionCode,
      departmentCode: options.departmentCode ?? null,
      phone: options.phone ?? '13812345678',
      password,
    },
  });
  return { ...user, password };
}
