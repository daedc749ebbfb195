import type { ContentType } from '../tenant/model.ts';

export const CONTENT_TYPES: readonly ContentType[] = ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General', 'DLP.All'];

/** The short code a content id carries for its type (like Microsoft's `aad`, `spo`...). */
export const CONTENT_ABBR: Record<ContentType, string> = {
  'Audit.AzureActiveDirectory': 'aad',
  'Audit.Exchange': 'exc',
  'Audit.SharePoint': 'spo',
  'Audit.General': 'gen',
  'DLP.All': 'dlp',
};

export function contentTypeFrom(text: string | null): ContentType | undefined {
  return CONTENT_TYPES.find((t) => t.toLowerCase() === (text ?? '').toLowerCase());
}
