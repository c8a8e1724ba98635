// Checks the packaged .vsix: `vsce ls` lists only what belongs in it (no
// sources, tests, scripts, results or typings), and the .vsix holds the jar
// Maven built, byte for byte in size. Exit status 1 with the stray files named.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const here = path.resolve(__dirname, '..');
const version = require(path.join(here, 'package.json')).version;
const vsix = path.join(here, `kls-${version}.vsix`);
const allowed = [
  /^package\.json$/, /^README\.md$/, /^LICENSE$/, /^out\/[a-z]+\.js$/, /^server\/kls\.jar$/,
  /^syntaxes\/[a-z]+\.tmLanguage\.json$/, /^language\/[a-z]+\.language-configuration\.json$/, /^images\/[a-z-]+\.jpg$/,
  // Production dependencies: code, package.json files and licences only.
  /^node_modules\/.+\.js$/, /^node_modules\/(.+\/)?package\.json$/, /^node_modules\/.+\/(LICENSE|License\.txt|LICENSE\.md)$/,
  /^node_modules\/vscode-languageclient\/lib\/node\/terminateProcess\.sh$/,
];
const files = execFileSync(path.join(here, 'node_modules', '.bin', 'vsce'), ['ls'], { cwd: here, encoding: 'utf8' })
  .split('\n').filter((l) => l.trim() !== '');
const stray = files.filter((f) => !allowed.some((re) => re.test(f)));
const problems = [];
if (stray.length) problems.push(`stray files in the package:\n  ${stray.join('\n  ')}`);
for (const need of ['server/kls.jar', 'out/extension.js', 'syntaxes/kconfig.tmLanguage.json', 'README.md']) {
  if (!files.includes(need)) problems.push(`${need} is not in the package`);
}
if (!fs.existsSync(vsix)) {
  problems.push(`${vsix} is missing (npm run package)`);
} else {
  // The .vsix is a zip; python3's zipfile reads it without another npm dependency.
  const size = execFileSync('python3', ['-c',
    'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("extension/server/kls.jar").file_size)', vsix],
  { encoding: 'utf8' }).trim();
  const built = fs.statSync(path.join(here, '..', 'server', 'target', 'kls.jar')).size;
  if (Number(size) !== built) problems.push(`the .vsix's kls.jar is ${size} bytes, server/target/kls.jar ${built}`);
  console.log(`check-vsix: ${path.basename(vsix)}: ${fs.statSync(vsix).size} bytes, ${files.length} files, kls.jar ${size} bytes`);
}
if (problems.length) {
  console.error(`check-vsix: FAILED\n${problems.join('\n')}`);
  process.exit(1);
}
