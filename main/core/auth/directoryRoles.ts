import { request, type Dispatcher } from 'undici';
import { WardenError } from '../../../shared/errors.ts';
import type { TenantEndpoints } from '../net/tenantEndpoints.ts';
import type { TokenSource } from './authService.ts';

interface RoleAssignment {
  roleDefinitionId: string;
}
interface RoleDefinition {
  id: string;
  templateId?: string;
  displayName: string;
}

/**
 * The Entra directory roles held by a principal (user object id or service principal id), by name, from
 * Graph's role management API. Shown in Accounts and `warden whoami`, so an admin sees which privileges
 * this session carries.
 */
export async function directoryRolesOf(principalId: string, endpoints: TenantEndpoints, dispatcher: Dispatcher, tokens: TokenSource): Promise<string[]> {
  const filter = encodeURIComponent(`principalId eq '${principalId.replace(/'/g, "''")}'`);
  const [assignments, definitions] = await Promise.all([
    getAll<RoleAssignment>(`${endpoints.graph}/v1.0/roleManagement/directory/roleAssignments?$filter=${filter}`, dispatcher, tokens),
    getAll<RoleDefinition>(`${endpoints.graph}/v1.0/roleManagement/directory/roleDefinitions`, dispatcher, tokens),
  ]);
  const names = new Map<string, string>();
  for (const d of definitions) {
    names.set(d.id, d.displayName);
    if (d.templateId) names.set(d.templateId, d.displayName);
  }
  return [...new Set(assignments.map((a) => names.get(a.roleDefinitionId) ?? a.roleDefinitionId))].sort();
}

async function getAll<T>(url: string, dispatcher: Dispatcher, tokens: TokenSource): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = url;
  while (next) {
    const token = await tokens.accessToken('graph');
    const response = await request(next, { dispatcher, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      let message = text.slice(0, 200);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {}
      throw new WardenError(response.statusCode === 403 ? 'not-allowed' : 'unavailable', `Reading directory roles: HTTP ${response.statusCode}: ${message}`);
    }
    const page = JSON.parse(text) as { value: T[]; '@odata.nextLink'?: string };
    items.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return items;
}
