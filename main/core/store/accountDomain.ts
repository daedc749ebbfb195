/**
 * The domain of an account name, as account_domains keeps it (migration 7): what follows its last
 * '@', lower-cased. null for a name with no '@' past its first character, and for a guest
 * ('#ext#'): a guest's domain is not the organization's.
 */
export function accountDomain(upn: string | null): string | null {
  if (upn === null || upn.includes('#ext#')) return null;
  const at = upn.lastIndexOf('@');
  return at >= 1 ? upn.slice(at + 1).toLowerCase() : null;
}
