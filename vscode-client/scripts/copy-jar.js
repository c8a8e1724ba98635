// Copies the server built by Maven (server/target/kls.jar) into the extension,
// which bundles it. Fails, rather than packaging an extension without a server.
'use strict';
const fs = require('fs');
const path = require('path');

const src = path.resolve(__dirname, '..', '..', 'server', 'target', 'kls.jar');
const dir = path.resolve(__dirname, '..', 'server');
if (!fs.existsSync(src)) {
  console.error(`copy-jar: ${src} is missing; build it first: mvn -B -pl server -am package -DskipTests`);
  process.exit(1);
}
fs.mkdirSync(dir, { recursive: true });
// Temp file + rename, so an interrupted copy never leaves half a jar behind.
const tmp = path.join(dir, `.kls.jar.${process.pid}.tmp`);
fs.copyFileSync(src, tmp);
fs.renameSync(tmp, path.join(dir, 'kls.jar'));
console.log(`copy-jar: ${path.relative(process.cwd(), src)} -> server/kls.jar (${fs.statSync(src).size} bytes)`);
