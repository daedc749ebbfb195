import type { RecordNote } from '../../../shared/model/evidence.ts';
import { WardenError } from '../../../shared/errors.ts';
import type { EvidenceStore } from '../store/openStore.ts';

/** Reviewer tags and notes on records. They annotate evidence; they are not evidence (not hashed). */
function requireRecord(store: EvidenceStore, id: number): void {
  if (!store.db.prepare('SELECT 1 FROM records WHERE id = ?').get(id)) throw new WardenError('not-found', `No record ${id} in this store.`);
}

export function listTags(store: EvidenceStore, id: number): string[] {
  return (store.db.prepare('SELECT tag FROM record_tags WHERE record_id = ? ORDER BY tag').all(id) as { tag: string }[]).map((r) => r.tag);
}

export function addTag(store: EvidenceStore, id: number, tag: string): string[] {
  requireRecord(store, id);
  store.db.prepare('INSERT OR IGNORE INTO record_tags (record_id, tag, created_at) VALUES (?, ?, ?)').run(id, tag.trim(), Date.now());
  return listTags(store, id);
}

export function removeTag(store: EvidenceStore, id: number, tag: string): string[] {
  store.db.prepare('DELETE FROM record_tags WHERE record_id = ? AND tag = ?').run(id, tag.trim());
  return listTags(store, id);
}

type NoteRow = { id: number; record_id: number; text: string; created_at: number; updated_at: number };
const toNote = (r: NoteRow): RecordNote => ({ id: r.id, recordId: r.record_id, text: r.text, createdAt: r.created_at, updatedAt: r.updated_at });

export function listNotes(store: EvidenceStore, id: number): RecordNote[] {
  return (store.db.prepare('SELECT * FROM record_notes WHERE record_id = ? ORDER BY id').all(id) as NoteRow[]).map(toNote);
}

export function addNote(store: EvidenceStore, id: number, text: string): RecordNote {
  requireRecord(store, id);
  const now = Date.now();
  const info = store.db.prepare('INSERT INTO record_notes (record_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, text, now, now);
  return toNote(store.db.prepare('SELECT * FROM record_notes WHERE id = ?').get(info.lastInsertRowid) as NoteRow);
}

export function updateNote(store: EvidenceStore, noteId: number, text: string): RecordNote {
  const info = store.db.prepare('UPDATE record_notes SET text = ?, updated_at = ? WHERE id = ?').run(text, Date.now(), noteId);
  if (info.changes === 0) throw new WardenError('not-found', `No note ${noteId}.`);
  return toNote(store.db.prepare('SELECT * FROM record_notes WHERE id = ?').get(noteId) as NoteRow);
}

export function deleteNote(store: EvidenceStore, noteId: number): boolean {
  return store.db.prepare('DELETE FROM record_notes WHERE id = ?').run(noteId).changes > 0;
}
