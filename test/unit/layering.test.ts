// The layering check must catch each kind of violation. Builds a small tree that breaks every rule,
// runs dependency-cruiser on it with the project's config, and expects each rule to fire.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');

function cruise(files: Record<string, string>): Array<{ rule: string; from: string; to: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-layers-'));
  for (const name of ['.dependency-cruiser.cjs', 'tsconfig.node.json', 'tsconfig.base.json', 'package.json']) {
    copyFileSync(path.join(repo, name), path.join(dir, name));
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const roots = ['main', 'renderer', 'shared', 'emulator', 'test'].filter((r) => Object.keys(files).some((f) => f.startsWith(`${r}/`)));
  let output: string;
  try {
    output = execFileSync(path.join(repo, 'node_modules/.bin/depcruise'), ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...roots], {
      cwd: dir,
      encoding: 'utf8',
    });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const result = JSON.parse(output) as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('the layering check', () => {
  it('passes a tree that follows the rules', () => {
    expect(
      cruise({
        'shared/model.ts': "import { z } from 'zod';\nexport const A = z.string();\n",
        'main/core/service.ts': "import { A } from '../../shared/model.ts';\nimport { readFileSync } from 'node:fs';\nexport { A, readFileSync };\n",
        'main/electron/shell.ts': "import { app } from 'electron';\nimport { A } from '../core/service.ts';\nexport { app, A };\n",
        'renderer/src/view.tsx': "import { A } from '../../shared/model.ts';\nexport const V = () => <b>{String(A)}</b>;\n",
      }),
    ).toEqual([]);
  });

  it('fails each forbidden import, naming the rule', () => {
    const violations = cruise({
      'shared/model.ts': "import React from 'react';\nexport const A = React;\n",
      'main/core/service.ts': "import { app } from 'electron';\nexport const S = app;\n",
      'main/core/indirect.ts': "import { W } from '../electron/window.ts';\nexport const I = W;\n",
      'main/electron/window.ts': "import { BrowserWindow } from 'electron';\nexport const W = BrowserWindow;\n",
      'main/cli/warden.ts': "import { shell } from 'electron';\nexport const C = shell;\n",
      'renderer/src/view.tsx': "import { readFileSync } from 'node:fs';\nimport { S } from '../../main/core/service.ts';\nexport const V = () => <b>{String(readFileSync)}{String(S)}</b>;\n",
      'emulator/server.ts': "import { S } from '../main/core/service.ts';\nexport const E = S;\n",
      'test/e2e/loads.ts': "import { W } from '../../main/electron/window.ts';\nexport const T = W;\n",
      'test/unit/missing.ts': "import { X } from './nowhere.ts';\nexport const M = X;\n",
    });
    const seen = (rule: string, from: string) => violations.some((v) => v.rule === rule && v.from === from);
    expect(seen('shared-stays-shared', 'shared/model.ts')).toBe(true);
    expect(seen('core-and-cli-without-electron', 'main/core/service.ts')).toBe(true);
    expect(seen('core-and-cli-without-electron', 'main/core/indirect.ts')).toBe(true);
    expect(seen('core-and-cli-without-electron', 'main/cli/warden.ts')).toBe(true);
    expect(seen('renderer-without-node', 'renderer/src/view.tsx')).toBe(true);
    expect(seen('renderer-only-shared', 'renderer/src/view.tsx')).toBe(true);
    expect(seen('emulator-not-main', 'emulator/server.ts')).toBe(true);
    expect(seen('tests-electron-only-via-stand-in', 'test/e2e/loads.ts')).toBe(true);
    expect(seen('no-unresolvable', 'test/unit/missing.ts')).toBe(true);
  });
});
