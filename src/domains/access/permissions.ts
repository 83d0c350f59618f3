/**
 * Who may do what. Roles belong to people (dashboard sessions), scopes to API keys; both
 * map onto one list of permissions that routes check.
 */
export const ROLES = ['owner', 'admin', 'analyst', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const API_KEY_SCOPES = ['admin', 'read', 'collect'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const PERMISSIONS = [
  'workspace:read',
  'workspace:manage',
  'members:manage',
  'keys:manage',
  'surveys:read',
  'surveys:write',
  'responses:read',
  'responses:collect',
  'responses:export',
  'metrics:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['workspace:read', 'surveys:read', 'responses:read', 'metrics:read'];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  analyst: [...READ, 'surveys:write', 'responses:export', 'responses:collect'],
  agent: [...READ, 'responses:collect'],
  viewer: READ,
};

const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  admin: PERMISSIONS.filter((p) => p !== 'members:manage'),
  read: [...READ, 'responses:export'],
  // A collect key lives in web pages and apps: it may read survey definitions and submit.
  collect: ['surveys:read', 'responses:collect'],
};

export function permissionsOfRole(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

export function permissionsOfScope(scope: ApiKeyScope): ReadonlySet<Permission> {
  return new Set(SCOPE_PERMISSIONS[scope]);
}

/** Roles a member may hand out: nobody can grant more than they have, only owners make owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  if (actor === 'admin') return target !== 'owner';
  return false;
}
