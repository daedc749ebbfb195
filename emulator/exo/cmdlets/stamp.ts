/** Exchange's UTC timestamps as the tenant writes them: `2024-05-22T16:52:10Z`. */
export function exchangeStamp(ms = Date.now()): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
