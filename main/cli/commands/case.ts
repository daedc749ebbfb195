import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { exportCaseFile } from '../../core/caseFile/exportCaseFile.ts';
import { openCaseFile } from '../../core/caseFile/openCaseFile.ts';
import { verifyChain } from '../../core/store/verifyChain.ts';
import { withEvidenceStore } from './evidenceStore.ts';

async function passphraseFrom(cli: CliContext, stdin: boolean | undefined): Promise<string> {
  if (!stdin && cli.streams.stdin.isTTY) {
    throw new WardenError('invalid-input', 'Give the passphrase on standard input with --passphrase-stdin (it is never taken from the command line).');
  }
  if (cli.streams.stdin.isTTY) cli.out.note('Case passphrase (then Enter and Ctrl-D):');
  const passphrase = await cli.readStdin();
  if (passphrase === '') throw new WardenError('invalid-input', 'No passphrase on standard input.');
  return passphrase;
}

/** `warden case export|open`: encrypted, self-contained copies of a tenant's evidence for another machine. */
export function register(program: Command, cli: CliContext): void {
  const caseCommand = program.command('case').description('case files: encrypted copies of the evidence store for reviewers on another machine');
  caseCommand
    .command('export')
    .description('write the active profile\'s evidence store to an encrypted case file (key from a passphrase via scrypt)')
    .argument('<file>', 'the case file to write')
    .option('--passphrase-stdin', 'read the passphrase from standard input')
    .action(async (file: string, options: { passphraseStdin?: boolean }) => {
      const passphrase = await passphraseFrom(cli, options.passphraseStdin);
      await withEvidenceStore(cli, async (store, profile, key) => {
        const manifest = await exportCaseFile(store, { file, passphrase, storeKey: key, profileName: profile });
        cli.out.result({ file, manifestFile: `${file}.manifest.json`, manifest }, () =>
          [
            `Wrote ${file} (${manifest.database.bytes} bytes, SHA-256 ${manifest.database.sha256}).`,
            `Records: ${manifest.records.total} (${manifest.records.audit} audit, ${manifest.records.signin} sign-ins) in ${manifest.chain.batches} batches; head hash ${manifest.chain.headHash ?? '-'}.`,
            `Manifest: ${file}.manifest.json`,
          ].join('\n'),
        );
      });
    });
  caseCommand
    .command('open')
    .description('open a case file offline: check its hashes and hash chain, and show what it holds')
    .argument('<file>', 'the case file')
    .option('--passphrase-stdin', 'read the passphrase from standard input (the default when stdin is not a terminal)')
    .action(async (file: string, options: { passphraseStdin?: boolean }) => {
      const passphrase = await passphraseFrom(cli, options.passphraseStdin ?? true);
      const opened = await openCaseFile(file, passphrase, cli.log);
      try {
        const chain = verifyChain(opened.store);
        const counts = opened.store.db.prepare(`SELECT kind, count(*) AS n FROM records GROUP BY kind`).all() as { kind: string; n: number }[];
        const held = Object.fromEntries(counts.map((c) => [c.kind, c.n]));
        const countsMatch = (held['audit'] ?? 0) === opened.manifest.records.audit && (held['signin'] ?? 0) === opened.manifest.records.signin;
        const value = { file, manifest: opened.manifest, chain, countsMatch };
        cli.out.result(value, () =>
          [
            `Case file ${file}: store ${opened.manifest.storeId}${opened.manifest.profile ? ` (profile ${opened.manifest.profile})` : ''}, created ${opened.manifest.createdAt}.`,
            `Records: ${opened.manifest.records.audit} audit, ${opened.manifest.records.signin} sign-ins${countsMatch ? '' : ' (the database holds a different number!)'}.`,
            chain.ok ? `Hash chain holds (${chain.batches} batches, head ${chain.headHash ?? '-'}).` : `Hash chain BROKEN: ${chain.problems.map((p) => p.problem).join('; ')}`,
          ].join('\n'),
        );
        if (!chain.ok || !countsMatch || chain.headHash !== opened.manifest.chain.headHash) {
          throw new WardenError('invalid-input', `${file}: the case file does not verify.`);
        }
      } finally {
        opened.close();
      }
    });
}
