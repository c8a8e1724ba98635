// The kls extension: starts `kls serve` (the bundled jar by default) through
// vscode-languageclient and adds what LSP has no message for: the status bar,
// the settings push, the explanation panel, the configuration picker and
// `kls lint` into the Problems view.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  DidChangeConfigurationNotification,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  Hover,
  MarkupContent,
  MarkedString,
} from 'vscode-languageclient/node';
import { JavaNotFound, resolveServer, ServerCommand } from './server';
import { runLint, lintMessage, LintReport } from './lint';
import { isKernelTree } from './tree';

const EXPLAIN_SCHEME = 'kls-explain';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let progressText: string | undefined;
let lintDiagnostics: vscode.DiagnosticCollection;
const explanations = new Map<string, string>();
const explainChanged = new vscode.EventEmitter<vscode.Uri>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // vscode-languageclient writes errors through the channel's log methods, so it must be a LogOutputChannel.
  output = vscode.window.createOutputChannel('kls', { log: true });
  status = vscode.window.createStatusBarItem('kls.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'kls';
  status.command = 'kls.pickConfiguration';
  lintDiagnostics = vscode.languages.createDiagnosticCollection('kls lint');
  context.subscriptions.push(output, status, lintDiagnostics, explainChanged);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, {
      onDidChange: explainChanged.event,
      provideTextDocumentContent: (uri) => explanations.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand('kls.restartServer', () => restart(context)),
    vscode.commands.registerCommand('kls.explainSymbol', explainSymbol),
    vscode.commands.registerCommand('kls.pickConfiguration', pickConfiguration),
    vscode.commands.registerCommand('kls.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('kls.lintWorkspace', () => lintWorkspace(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kls.server.path') || e.affectsConfiguration('kls.java.home')) {
        void restart(context);
      } else if (e.affectsConfiguration('kls')) {
        pushSettings();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => pushSettings()),
  );
  updateStatus();
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The workspace folder kls serves: the first one (a kernel tree is one folder). */
function root(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.[0];
}

/**
 * The "kls" section as the server reads it (see the server's Settings):
 * empty strings become null so the server keeps its default, and allowShell
 * is false whatever the settings say in an untrusted workspace.
 */
export function serverSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('kls', root()?.uri);
  const text = (k: string) => {
    const v = c.get<string>(k, '').trim();
    return v === '' ? null : v;
  };
  return {
    arch: text('arch'),
    config: text('config'),
    kernelVersion: text('kernelVersion'),
    allowShell: vscode.workspace.isTrusted && c.get<boolean>('allowShell', false),
    rules: c.get<Record<string, string>>('rules', {}),
  };
}

function pushSettings(): void {
  updateStatus();
  if (client?.isRunning()) {
    void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { kls: serverSettings() } });
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  let command: ServerCommand;
  try {
    command = await resolveServer(context.extensionPath, vscode.workspace.getConfiguration('kls'));
  } catch (e) {
    if (e instanceof JavaNotFound) {
      output.error(e.message);
      const open = 'Open the kls.java.home setting';
      void vscode.window.showErrorMessage(`kls: ${e.message}`, open).then((choice) => {
        if (choice === open) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'kls.java.home');
        }
      });
    } else {
      output.error(String(e instanceof Error ? e.message : e));
      void vscode.window.showErrorMessage(`kls: ${e instanceof Error ? e.message : e}`);
    }
    status.text = '$(error) kls: not running';
    status.show();
    return;
  }
  output.info(`starting ${command.command} ${command.args.join(' ')}`);

  // No transport: languageclient would add --stdio, which kls serve does not take; stdio is its only transport.
  const serverOptions: ServerOptions = {
    command: command.command,
    args: command.args,
    options: { cwd: root()?.uri.fsPath },
  };
  const selector: LanguageClientOptions['documentSelector'] = [
    { scheme: 'file', language: 'kconfig' },
    { scheme: 'file', language: 'kconfig-dotconfig' },
  ];
  // kls serves C only inside a kernel tree; elsewhere C stays with the user's other tools.
  const folder = root();
  if (folder && (await isKernelTree(folder.uri.fsPath))) {
    selector.push({ scheme: 'file', language: 'c', pattern: `${folder.uri.fsPath}/**/*` });
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    initializationOptions: serverSettings(),
    middleware: {
      workspace: {
        // The server asks for the "kls" section; it gets the same filtered view as the pushes.
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (Array.isArray(answer)) {
            return params.items.map((item, i) => (item.section === 'kls' ? serverSettings() : answer[i]));
          }
          return answer;
        },
      },
    },
  };
  client = new LanguageClient('kls', 'kls', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    output.error(`the server did not start: ${e instanceof Error ? e.message : e}`);
    void vscode.window.showErrorMessage('kls: the server did not start; see the kls output channel.', 'Open output')
      .then((c) => c && output.show(true));
    status.text = '$(error) kls: not running';
    status.show();
    return;
  }
  followProgress(client);
  updateStatus();
}

/**
 * The server's work-done progress (reading the tree, indexing) goes to the
 * kls status bar item. This handler replaces the client's default one, which
 * would show the same progress a second time as a separate window item.
 */
function followProgress(c: LanguageClient): void {
  c.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    const d = c.onProgress(WorkDoneProgress.type, token, (v) => {
      if (v.kind === 'end') {
        progressText = undefined;
        d.dispose();
      } else {
        const pct = v.percentage !== undefined ? ` ${v.percentage}%` : '';
        // The server's titles start with "kls: ", which the item already says.
        const title = v.kind === 'begin' ? v.title.replace(/^kls: /, '') : progressText?.replace(/ \d+%$/, '') ?? 'working';
        progressText = `${title}${pct}`;
      }
      updateStatus();
    });
  });
}

function updateStatus(): void {
  const s = serverSettings();
  const arch = (s.arch as string | null) ?? process.env.ARCH ?? 'x86';
  const config = (s.config as string | null) ?? 'default configuration';
  status.text = progressText ? `$(sync~spin) kls: ${arch} · ${config} · ${progressText}` : `kls: ${arch} · ${config}`;
  status.tooltip = `kls: ARCH=${arch}, values from ${config}${progressText ? `\n${progressText}` : ''}\nClick to pick the configuration file.`;
  status.show();
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  progressText = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (e) {
      output.warn(`stopping the server: ${e instanceof Error ? e.message : e}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.info('restarting the server');
  await stop();
  await start(context);
}

/** The hover of the symbol under the cursor, shown as a read-only Markdown document beside the editor. */
async function explainSymbol(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client?.isRunning()) {
    void vscode.window.showWarningMessage('kls: open a Kconfig, .config or C file of the tree first.');
    return;
  }
  const doc = editor.document;
  const pos = editor.selection.active;
  const hover: Hover | null = await client.sendRequest('textDocument/hover', {
    textDocument: { uri: doc.uri.toString() },
    position: { line: pos.line, character: pos.character },
  });
  const text = hover ? hoverText(hover.contents) : '';
  if (!text) {
    void vscode.window.showInformationMessage('kls: nothing to explain under the cursor.');
    return;
  }
  const word = doc.getText(doc.getWordRangeAtPosition(pos)) || 'symbol';
  const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${word}.md` });
  explanations.set(uri.toString(), text);
  explainChanged.fire(uri);
  const shown = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(shown, 'markdown');
  await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
}

function hoverText(c: MarkupContent | MarkedString | MarkedString[]): string {
  if (Array.isArray(c)) {
    return c.map((m) => hoverText(m)).join('\n\n');
  }
  if (typeof c === 'string') {
    return c;
  }
  return 'kind' in c ? c.value : '```' + c.language + '\n' + c.value + '\n```';
}

/** A quick pick of the tree's .config files and defconfigs; the choice goes to the workspace setting kls.config. */
async function pickConfiguration(): Promise<void> {
  const folder = root();
  if (!folder) {
    void vscode.window.showWarningMessage('kls: open a kernel tree folder first.');
    return;
  }
  const arch = (serverSettings().arch as string | null) ?? 'x86';
  const found = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, '{.config,arch/*/configs/*defconfig,arch/*/configs/*.config,kernel/configs/*.config}'),
    null, 2000);
  const rel = found.map((u) => vscode.workspace.asRelativePath(u, false)).sort((a, b) => {
    // .config first, then this ARCH's files, then the rest.
    const rank = (p: string) => (p === '.config' ? 0 : p.includes(`arch/${arch}/`) ? 1 : 2);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  const current = vscode.workspace.getConfiguration('kls', folder.uri).get<string>('config', '');
  const items: vscode.QuickPickItem[] = [
    { label: '(default)', description: '.config if present, else the ARCH defconfig', picked: current === '' },
    ...rel.map((p) => ({ label: p, description: p === current ? 'current' : undefined })),
  ];
  const choice = await vscode.window.showQuickPick(items, { placeHolder: 'Configuration the values come from' });
  if (!choice) {
    return;
  }
  await vscode.workspace.getConfiguration('kls', folder.uri)
    .update('config', choice.label === '(default)' ? undefined : choice.label, vscode.ConfigurationTarget.Workspace);
}

/** `kls lint` over the whole tree, its findings in the Problems view (source "kls lint"). */
async function lintWorkspace(context: vscode.ExtensionContext): Promise<void> {
  const folder = root();
  if (!folder) {
    void vscode.window.showWarningMessage('kls: open a kernel tree folder first.');
    return;
  }
  let command: ServerCommand;
  try {
    command = await resolveServer(context.extensionPath, vscode.workspace.getConfiguration('kls'));
  } catch (e) {
    void vscode.window.showErrorMessage(`kls: ${e instanceof Error ? e.message : e}`);
    return;
  }
  const s = serverSettings();
  let report: LintReport;
  try {
    report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'kls lint', cancellable: true },
      (_p, token) => runLint(command, folder.uri.fsPath, s.arch as string | null, s.config as string | null,
        s.allowShell as boolean, token, output));
  } catch (e) {
    output.error(`kls lint: ${e instanceof Error ? e.message : e}`);
    void vscode.window.showErrorMessage(`kls lint: ${e instanceof Error ? e.message : e}`, 'Open output')
      .then((c) => c && output.show(true));
    return;
  }
  lintDiagnostics.clear();
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const f of report.findings) {
    const file = f.file ?? '.';
    const line = Math.max((f.line ?? 1) - 1, 0);
    const col = Math.max((f.column ?? 1) - 1, 0);
    const range = new vscode.Range(line, col, Math.max((f.endLine ?? f.line ?? 1) - 1, line),
      Math.max((f.endColumn ?? (f.column ?? 1) + 1) - 1, 0));
    const d = new vscode.Diagnostic(range, lintMessage(f), severity(f.severity));
    d.source = 'kls lint';
    d.code = f.ruleId;
    d.relatedInformation = (f.related ?? []).filter((r) => r.file).map((r) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(vscode.Uri.joinPath(folder.uri, r.file!),
        new vscode.Position(Math.max((r.line ?? 1) - 1, 0), Math.max((r.column ?? 1) - 1, 0))), r.message ?? ''));
    const list = byFile.get(file) ?? [];
    list.push(d);
    byFile.set(file, list);
  }
  for (const [file, list] of byFile) {
    lintDiagnostics.set(vscode.Uri.joinPath(folder.uri, file), list);
  }
  const n = report.findings.length;
  void vscode.window.showInformationMessage(`kls lint: ${n} finding${n === 1 ? '' : 's'} (in the Problems view).`);
  if (n > 0) {
    void vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}

function severity(s: string): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'hint': return vscode.DiagnosticSeverity.Hint;
    default: return vscode.DiagnosticSeverity.Information;
  }
}
