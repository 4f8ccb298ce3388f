/**
 * Roles as the UI needs them: the labels for pickers (the server sends `roleLabel` for users
 * it returns, but a create form has to offer every role before any user exists). The list
 * and labels are the server's own module, so they cannot drift apart.
 */
export { ROLES, ROLE_LABELS } from '../../../src/shared/roles';
