/**
 * zod schemas of account operations.
 */
import { z } from 'zod';
import { ROLES } from '@/shared/actor.js';

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,63}$/, '用户名须为3–64位小写字母、数字、点、下划线或连字符');
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, '电话号码格式不正确');

/** Body of `POST /api/users`. */
export const createUserSchema = z.strictObject({
  username,
  displayName: z.string().trim().min(1, '姓名不能为空').max(100),
  role: z.enum(ROLES),
  regionCode: z.string().regex(/^[0-9]{6,17}$/, '须为区域编码'),
  departmentCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, '部门编码格式不正确').nullable().optional(),
  phone: phone.nullable().optional(),
  password: z.string().min(1, '请输入密码').max(200),
});
/** Input of account creation. */
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** Body of `PATCH /api/users/:id`. */
export const updateUserSchema = z.strictObject({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(100).optional(),
  role: z.enum(ROLES).optional(),
  regionCode: z.string().regex(/^[0-9]{6,17}$/).optional(),
  departmentCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/).nullable().optional(),
  phone: phone.nullable().optional(),
  password: z.string().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
});
/** Input of an account change. */
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** Body of `POST /api/auth/login`. */
export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
});

/** Body of `POST /api/tokens`. */
export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  username: z.string().trim().toLowerCase().optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
