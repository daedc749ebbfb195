/** success | failure | partial from the many spellings of a UAL / directory audit status. */
export function auditResult(status: string | null): string | null {
  if (status === null) return null;
  switch (status.trim().toLowerCase()) {
    case 'succeeded':
    case 'success':
    case 'true':
      return 'success';
    case 'failed':
    case 'failure':
    case 'false':
    case 'timeout':
      return 'failure';
    case 'partiallysucceeded':
      return 'partial';
    default:
      return null;
  }
}
