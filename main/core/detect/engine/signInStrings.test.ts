import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { SignInStrings } from './signInStrings.ts';

function stringTable(rows: [number, string][]) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE signin_strings (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)');
  const insert = db.prepare('INSERT INTO signin_strings (id, value) VALUES (?, ?)');
  for (const [id, value] of rows) insert.run(id, value);
  return db;
}

describe('the sign-in strings', () => {
  it('reads every string at once under its own number, numbered from 1 without gaps or not', () => {
    const dense: [number, string][] = [
      [1, 'signin'],
      [2, 'adele@contoso.com'],
      [3, '81.2.69.160'],
    ];
    const gaps: [number, string][] = [
      [1, 'signin'],
      [4, 'adele@contoso.com'],
      [9, '81.2.69.160'],
    ];
    for (const rows of [dense, gaps]) {
      const db = stringTable(rows);
      const strings = new SignInStrings(db);
      strings.readAll();
      db.exec('DELETE FROM signin_strings'); // from now on, only what readAll kept can answer
      for (const [id, value] of rows) expect(strings.value(id)).toBe(value);
      expect(strings.value(null)).toBeNull();
      expect(() => strings.value(rows.length + 20)).toThrow(/no string 2\d: the store is damaged/);
      db.close();
    }
  });

  it('looks a string up by number, or a number by string, one at a time before reading them all', () => {
    const db = stringTable([
      [1, 'signin'],
      [2, 'adele@contoso.com'],
    ]);
    const strings = new SignInStrings(db);
    expect(strings.value(2)).toBe('adele@contoso.com');
    expect(strings.code('signin')).toBe(1);
    expect(strings.code('nobody')).toBeNull();
    db.close();
  });
});
