// Drives `kls serve` through vscode-jsonrpc and vscode-languageserver-protocol
// (the libraries VS Code's own client is built on), as an editor would:
// initialize, open a Kconfig file of seed 000, hover, make a typo, get the
// warning and its quick fix, apply it; open seed 000's C file, get the
// page-aligned-size error with its witness, hover, apply the quick fix, see
// the error go; rename a symbol.
//
//   KLS_SERVER='["java","-cp","...","dev.kls.cli.Main","serve"]' KLS_WORKSPACE=/tmp/copy node kls-client-test.js
'use strict';
const cp = require('child_process');
const path = require('path');
const fs = require('fs');
const url = require('url');
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol');

const server = JSON.parse(process.env.KLS_SERVER);
const root = process.env.KLS_WORKSPACE;
const TIMEOUT = 120000;

function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exit(1);
}
function check(cond, msg) {
  if (!cond) fail(msg);
  console.log('ok: ' + msg);
}
function withTimeout(p, what) {
  return Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error('timed out: ' + what)), TIMEOUT))]);
}

// The text edits of a workspace edit for one file, applied back to front.
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) {
    text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  }
  return text;
}

async function main() {
  const proc = cp.spawn(server[0], server.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout),
    new rpc.StreamMessageWriter(proc.stdin));

  const diagnostics = new Map(); // uri -> [{version, diagnostics}]
  const waiters = [];
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p);
    for (const w of [...waiters]) w();
  });
  let progressEnded;
  const indexed = new Promise((res) => { progressEnded = res; });
  const progress = [];
  conn.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
  // The server creates its own token, so its $/progress reaches no registered handler: "unhandled" here.
  conn.onUnhandledProgress((p) => {
    progress.push(p.value.kind);
    if (p.value.kind === 'end') progressEnded();
  });
  conn.onRequest(lsp.ConfigurationRequest.type, (p) => p.items.map(() => null));
  conn.listen();

  const waitDiagnostics = (uri, pred, what) => withTimeout(new Promise((res) => {
    const test = () => {
      const d = diagnostics.get(uri);
      if (d && pred(d)) { waiters.splice(waiters.indexOf(test), 1); res(d); }
    };
    waiters.push(test);
    test();
  }), what);

  const rootUri = url.pathToFileURL(root).href;
  const init = await conn.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'xen-p2m-2008' }],
    initializationOptions: { arch: 'i386' },
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  check(init.capabilities.hoverProvider && init.capabilities.renameProvider.prepareProvider,
    'initialize: hover and rename offered');
  check(init.capabilities.textDocumentSync.change === lsp.TextDocumentSyncKind.Incremental, 'incremental sync');
  await conn.sendNotification(lsp.InitializedNotification.type, {});
  await withTimeout(indexed, 'indexing progress to end');
  check(progress[0] === 'begin' && progress.includes('report'), 'indexing reported work-done progress: ' +
    progress.filter((k, i) => i === 0 || k !== progress[i - 1]).join(','));

  const file = path.join(root, 'arch/x86/xen/Kconfig');
  const uri = url.pathToFileURL(file).href;
  let text = fs.readFileSync(file, 'utf8');
  let version = 1;
  await conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri, languageId: 'kconfig', version, text } });
  let d = await waitDiagnostics(uri, (p) => p.version === 1, 'diagnostics of the opened file');
  check(d.diagnostics.length === 0, 'seed 000 Kconfig opens without diagnostics');

  const hover = await conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 8 } });
  const h = hover.contents.value;
  check(/^\*\*XEN\*\* \(bool\) = y\n/.test(h) && /Xen guest support/.test(h) && /\*\*Why y:\*\*/.test(h)
    && /Xen hypervisor/.test(h), 'hover on config XEN: type, value y and why, prompt, help');

  // Type a mistake: X86_TSC -> X86_TSX on "depends on X86_CMPXCHG && X86_TSC" (line 10).
  const line = text.split('\n')[9];
  const col = line.indexOf('X86_TSC');
  const typo = { range: { start: { line: 9, character: col + 6 }, end: { line: 9, character: col + 7 } }, text: 'X' };
  text = applyEdits(text, [{ range: typo.range, newText: 'X' }]);
  version++;
  await conn.sendNotification(lsp.DidChangeTextDocumentNotification.type,
    { textDocument: { uri, version }, contentChanges: [typo] });
  d = await waitDiagnostics(uri, (p) => p.version === version && p.diagnostics.length > 0, 'the typo warning');
  const warn = d.diagnostics.find((x) => x.code === 'undefined-symbol');
  check(warn && warn.range.start.line === 9 && /X86_TSX/.test(warn.message), 'warning for X86_TSX: ' + (warn && warn.message));

  const actions = await conn.sendRequest(lsp.CodeActionRequest.type,
    { textDocument: { uri }, range: warn.range, context: { diagnostics: [warn] } });
  const fix = actions.find((a) => a.kind === 'quickfix');
  check(fix && fix.title === "Change to 'X86_TSC'", 'quick fix offered: ' + (fix && fix.title));
  const edits = fix.edit.changes[uri];
  text = applyEdits(text, edits);
  version++;
  await conn.sendNotification(lsp.DidChangeTextDocumentNotification.type,
    { textDocument: { uri, version }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
  check(text.split('\n')[9].endsWith('X86_CMPXCHG && X86_TSC'), 'the fix restored the line');
  d = await waitDiagnostics(uri, (p) => p.version === version, 'diagnostics after the fix');
  check(d.diagnostics.length === 0, 'no diagnostics after the fix');

  // Seed 000's C file: the page-aligned-size error with its witness, hover, the quick fix applied.
  const cfile = path.join(root, 'arch/x86/xen/mmu.c');
  const curi = url.pathToFileURL(cfile).href;
  let ctext = fs.readFileSync(cfile, 'utf8');
  let cversion = 1;
  await conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: curi, languageId: 'c', version: cversion, text: ctext } });
  d = await waitDiagnostics(curi, (p) => p.version === cversion, 'diagnostics of mmu.c');
  const pa = d.diagnostics.find((x) => x.code === 'page-aligned-size');
  check(pa && pa.severity === lsp.DiagnosticSeverity.Error && pa.range.start.line === 24
    && /^p2m_top_mfn_list is 8 bytes in \.bss\.page_aligned, not a whole number of pages/.test(pa.message)
    && /\nwhen: .*XEN=y.* XEN_MAX_DOMAIN_MEMORY=8\ncondition: \[c: sizeof\(p2m_top_mfn_list\) % PAGE_SIZE != 0\]$/.test(pa.message),
    'page-aligned-size error on p2m_top_mfn_list with its witness: ' + (pa && JSON.stringify(pa.message)));
  const ch = await conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri: curi }, position: pa.range.start });
  check(ch && /^\*\*p2m_top_mfn_list\*\*/.test(ch.contents.value)
    && /8 bytes in `\.bss\.page_aligned`/.test(ch.contents.value), 'hover on the object: ' + (ch && ch.contents.value));
  const cactions = await conn.sendRequest(lsp.CodeActionRequest.type,
    { textDocument: { uri: curi }, range: pa.range, context: { diagnostics: [pa] } });
  const cfix = cactions.find((a) => a.kind === 'quickfix' && a.isPreferred);
  check(cfix && cfix.title === 'Round the length of p2m_top_mfn_list up to whole pages',
    'preferred quick fix offered: ' + (cfix && cfix.title) + ' (of ' + cactions.length + ')');
  const cedits = cfix.edit.changes[curi];
  ctext = applyEdits(ctext, cedits);
  cversion++;
  await conn.sendNotification(lsp.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: curi, version: cversion }, contentChanges: cedits.map((e) => ({ range: e.range, text: e.newText })) });
  check(ctext.includes('p2m_top_mfn_list[PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]'), 'the buffer holds PAGE_ALIGN(');
  d = await waitDiagnostics(curi, (p) => p.version === cversion, 'diagnostics of mmu.c after the fix');
  check(!d.diagnostics.some((x) => x.code === 'page-aligned-size'), 'the page-aligned-size error is gone');
  await conn.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri: curi } });

  const edit = await conn.sendRequest(lsp.RenameRequest.type,
    { textDocument: { uri }, position: { line: 5, character: 8 }, newName: 'XEN_GUEST' });
  const files = Object.keys(edit.changes).map((u) => path.relative(root, url.fileURLToPath(u))).sort();
  check(['arch/x86/configs/i386_defconfig', 'arch/x86/xen/Kconfig', 'drivers/xen/Kconfig'].every((f) => files.includes(f)),
    'rename reaches Kconfig and defconfig: ' + files.join(', '));
  text = applyEdits(text, edit.changes[uri]);
  check(/^config XEN_GUEST$/m.test(text) && /depends on XEN_GUEST$/m.test(text), 'renamed in the open file');
  const defconfig = applyEdits(fs.readFileSync(path.join(root, 'arch/x86/configs/i386_defconfig'), 'utf8'),
    edit.changes[url.pathToFileURL(path.join(root, 'arch/x86/configs/i386_defconfig')).href]);
  check(/^CONFIG_XEN_GUEST=y$/m.test(defconfig) && /^CONFIG_HVC_XEN=y$/m.test(defconfig), 'renamed in the defconfig only where meant');

  await conn.sendRequest(lsp.ShutdownRequest.type);
  await conn.sendNotification(lsp.ExitNotification.type);
  const code = await new Promise((res) => proc.on('exit', res));
  check(code === 0, 'server exited with 0 after shutdown/exit');
  console.log('PASS: node client');
  process.exit(0);
}

main().catch((e) => fail(e.stack || String(e)));
