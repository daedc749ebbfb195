/** Unified audit `CreationTime` is UTC without a zone and without fractions: `2020-02-10T15:13:13`. */
export function formatCreationTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function parseCreationTime(text: string): number {
  return Date.parse(text.endsWith('Z') ? text : `${text}Z`);
}
