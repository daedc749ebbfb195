import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/log.ts';
import { whereClause } from '../../../main/core/review/filterSql.ts';
import { openStore } from '../../../main/core/store/openStore.ts';
import { TEST_KEY, tempDir } from '../store/testStore.ts';

const plan = (db: ReturnType<typeof openStore>['db'], sql: string, params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);

describe('review query plans', () => {
  // An index change once made SQLite answer the Audit view's operation filter by walking every audit
  // record in time order (2.7 s for one page over 1,000,000 instead of under a millisecond).
  it('pages one operation through the operation index, in order, without a sort', () => {
    const store = openStore({ file: path.join(tempDir(), 'plans.sqlite'), key: TEST_KEY, log: silentLogger });
    const where = whereClause({ kind: 'audit', operations: ['New-InboxRule'] });
    const sql = `SELECT r.id FROM records r WHERE ${where.sql} AND r.time_ms IS NOT NULL ORDER BY r.time_ms DESC, r.id DESC LIMIT ?`;
    expect(plan(store.db, sql, [...where.params, 100])).toEqual(['SEARCH r USING INDEX records_operation_time (operation=? AND time_ms>?)']);
    store.close();
  });
});
