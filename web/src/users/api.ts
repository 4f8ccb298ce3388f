/**
 * The users endpoints.
 */
import { apiGet, apiPost } from '../api/client';
import type { Role, UserView } from '../api/types';

/** Body of `POST /api/users`. */
export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  departmentCode?: string;
  phone?: string;
  password: string;
}

/** The users the caller may see. */
export async function fetchUsers(signal?: AbortSignal): Promise<UserView[]> {
  return (await apiGet<{ users: UserView[] }>('/api/users', { signal })).users;
}

/** Creates a user. */
export async function createUser(input: CreateUserInput): Promise<UserView> {
  return (await apiPost<{ user: UserView }>('/api/users', input)).user;
}

/** A department as the API shows it. */
export interface DepartmentView {
  districtCode: string;
  code: string;
  name: string;
  kind: string;
  regionCode: string;
}

/** The departments of the caller's district. */
export async function fetchDepartments(signal?: AbortSignal): Promise<DepartmentView[]> {
  return (await apiGet<{ departments: DepartmentView[] }>('/api/departments', { signal })).departments;
}
