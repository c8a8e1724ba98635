// Runs `kls lint --format json` on the tree and reads its report (format in the top README).
import { spawn } from 'child_process';
import type { CancellationToken, LogOutputChannel } from 'vscode';
import type { ServerCommand } from './server';

export interface LintPlace { file: string | null; line: number | null; column: number | null;
  endLine?: number | null; endColumn?: number | null; message?: string }
export interface LintFinding extends LintPlace {
  ruleId: string; severity: string; message: string;
  witness?: { symbol: string; value: string }[]; related?: LintPlace[];
  condition?: string; conditionExact?: boolean;
}
export interface LintReport { version: number; findings: LintFinding[] }

/**
 * A finding's text as `kls lint` prints it and the server's diagnostics carry it: the message, then the
 * witness as a "when:" line and the condition (unless it holds always, "y") as a "condition:" line.
 */
export function lintMessage(f: LintFinding): string {
  let text = f.message;
  if (f.witness?.length) text += `\nwhen: ${f.witness.map((w) => `${w.symbol}=${w.value}`).join(' ')}`;
  if (f.condition && f.condition !== 'y') text += `\ncondition: ${f.condition}`;
  return text;
}

export function runLint(cmd: ServerCommand, tree: string, arch: string | null, config: string | null,
  allowShell: boolean, token: CancellationToken, log: LogOutputChannel): Promise<LintReport> {
  const args = [...cmd.prefix, 'lint', tree, '--srctree', tree, '--format', 'json', '--fail-on', 'never'];
  if (arch) args.push('--arch', arch);
  if (config) args.push('--config', config);
  if (allowShell) args.push('--allow-shell');
  log.info(`running ${cmd.command} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const p = spawn(cmd.command, args, { cwd: tree });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const sub = token.onCancellationRequested(() => p.kill());
    p.on('error', (e) => { sub.dispose(); reject(e); });
    p.on('close', (code) => {
      sub.dispose();
      if (err.trim()) log.info(err.trim());
      if (token.isCancellationRequested) return reject(new Error('cancelled'));
      if (code !== 0) return reject(new Error(`exit status ${code}: ${err.trim().split('\n').pop() ?? ''}`));
      try {
        resolve(JSON.parse(out) as LintReport);
      } catch (e) {
        reject(new Error(`unreadable JSON from kls lint: ${e instanceof Error ? e.message : e}`));
      }
    });
  });
}
