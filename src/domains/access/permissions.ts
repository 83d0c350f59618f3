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
  'customers:read',
  'customers:write',
  'customers:erase',
  'events:collect',
  'cases:read',
  'cases:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['workspace:read', 'surveys:read', 'responses:read', 'metrics:read', 'customers:read', 'cases:read'];
const SERVICE: Permission[] = ['customers:write', 'events:collect', 'cases:write'];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  analyst: [...READ, ...SERVICE, 'surveys:write', 'responses:export', 'responses:collect'],
  agent: [...READ, ...SERVICE, 'responses:collect'],
  viewer: READ,
};

const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  admin: PERMISSIONS.filter((p) => p !== 'members:manage'),
  read: [...READ, 'responses:export'],
  // A collect key lives in web pages and apps: it may read survey definitions, submit answers
  // and report touchpoint events.
  collect: ['surveys:read', 'responses:collect', 'events:collect'],
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
