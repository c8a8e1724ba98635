// Unit tests of the extension's Java lookup (out/server.js needs no vscode module at run time).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseJavaVersion, findJava, JavaNotFound } = require('../out/server.js');

test('java -version texts', () => {
  assert.strictEqual(parseJavaVersion('openjdk version "17.0.9" 2023-10-17'), 17);
  assert.strictEqual(parseJavaVersion('java version "1.8.0_292"'), 8);
  assert.strictEqual(parseJavaVersion('openjdk version "21" 2023-09-19'), 21);
  assert.strictEqual(parseJavaVersion('no java here'), undefined);
});

/** A fake JDK whose bin/java prints the given version line as Java does (on stderr). */
function fakeJdk(dir, version) {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  const java = path.join(dir, 'bin', 'java');
  fs.writeFileSync(java, `#!/bin/sh\necho 'openjdk version "${version}" 2024-01-01' >&2\n`, { mode: 0o755 });
  return java;
}

test('kls.java.home, then JAVA_HOME, then PATH; old or missing Javas are named', async (t) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kls-java-'));
  const saved = { JAVA_HOME: process.env.JAVA_HOME, PATH: process.env.PATH };
  t.after(() => {
    process.env.JAVA_HOME = saved.JAVA_HOME ?? '';
    if (saved.JAVA_HOME === undefined) delete process.env.JAVA_HOME;
    process.env.PATH = saved.PATH;
    fs.rmSync(d, { recursive: true, force: true });
  });
  const old = fakeJdk(path.join(d, 'jdk11'), '11.0.2');
  const good = fakeJdk(path.join(d, 'jdk17'), '17.0.9');
  fakeJdk(path.join(d, 'jdk21'), '21.0.1');
  process.env.PATH = path.join(d, 'jdk21', 'bin');

  process.env.JAVA_HOME = path.join(d, 'jdk17');
  assert.strictEqual(await findJava(path.join(d, 'jdk21')), path.join(d, 'jdk21', 'bin', 'java'), 'the setting first');
  assert.strictEqual(await findJava(''), good, 'then JAVA_HOME');
  process.env.JAVA_HOME = path.join(d, 'jdk11');
  assert.strictEqual(await findJava(''), path.join(d, 'jdk21', 'bin', 'java'), 'an old JAVA_HOME is passed over');

  process.env.PATH = path.join(d, 'empty');
  await assert.rejects(findJava(path.join(d, 'nowhere')), (e) => {
    assert.ok(e instanceof JavaNotFound);
    assert.match(e.message, /Java 17 or newer/);
    assert.match(e.message, /kls\.java\.home: .*nowhere\/bin\/java does not exist/);
    assert.ok(e.message.includes(`JAVA_HOME: ${old} is Java 11`), e.message);
    return true;
  });
});

test('a kls lint finding reads as the CLI prints it: witness, then the condition unless always', () => {
  const { lintMessage } = require('../out/lint.js');
  const p2m = {
    ruleId: 'page-aligned-size', severity: 'error', message: 'p2m_top_mfn_list is 8 bytes', file: 'a.c', line: 1, column: 1,
    witness: [{ symbol: '64BIT', value: 'n' }, { symbol: 'XEN', value: 'y' }],
    condition: '[c: sizeof(p2m_top_mfn_list) % PAGE_SIZE != 0]', conditionExact: false,
  };
  assert.strictEqual(lintMessage(p2m),
    'p2m_top_mfn_list is 8 bytes\nwhen: 64BIT=n XEN=y\ncondition: [c: sizeof(p2m_top_mfn_list) % PAGE_SIZE != 0]');
  assert.strictEqual(lintMessage({ ...p2m, witness: [], condition: 'y' }), 'p2m_top_mfn_list is 8 bytes');
  assert.strictEqual(lintMessage({ ...p2m, witness: undefined, condition: 'XEN' }), 'p2m_top_mfn_list is 8 bytes\ncondition: XEN');
});
