// How the server is started: the bundled jar (or another one) with a Java 17+,
// or a `kls` launcher. No vscode API here except the settings read, so the
// lookup order is easy to follow.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { WorkspaceConfiguration } from 'vscode';

export interface ServerCommand {
  command: string;
  /** Arguments before the subcommand (`serve`, `lint`); the caller adds those. */
  prefix: string[];
  /** The full `serve` argument list. */
  args: string[];
}

/** No usable Java: the message says where kls looked and what it found. */
export class JavaNotFound extends Error {}

const MIN_JAVA = 17;

export async function resolveServer(extensionPath: string, config: WorkspaceConfiguration): Promise<ServerCommand> {
  const setting = config.get<string>('server.path', '').trim();
  if (setting !== '' && !setting.endsWith('.jar')) {
    // A launcher such as the repository's ./kls or an installed `kls`: it finds its own Java.
    const command = setting.includes('/') ? path.resolve(setting) : onPath(setting);
    if (!command) {
      throw new Error(`kls.server.path is '${setting}', which is not on PATH`);
    }
    return { command, prefix: [], args: ['serve'] };
  }
  const jar = setting !== '' ? path.resolve(setting) : path.join(extensionPath, 'server', 'kls.jar');
  if (!fs.existsSync(jar)) {
    throw new Error(`the server jar ${jar} does not exist (setting kls.server.path)`);
  }
  const java = await findJava(config.get<string>('java.home', '').trim());
  return { command: java, prefix: ['-jar', jar], args: ['-jar', jar, 'serve'] };
}

/** kls.java.home, then JAVA_HOME, then java on PATH; the first that exists must be Java 17+. */
export async function findJava(javaHome: string): Promise<string> {
  const tried: string[] = [];
  const candidates: [string, string][] = [];
  if (javaHome) candidates.push(['kls.java.home', path.join(javaHome, 'bin', 'java')]);
  if (process.env.JAVA_HOME) candidates.push(['JAVA_HOME', path.join(process.env.JAVA_HOME, 'bin', 'java')]);
  const fromPath = onPath('java');
  if (fromPath) candidates.push(['PATH', fromPath]);
  for (const [where, java] of candidates) {
    if (!fs.existsSync(java)) {
      tried.push(`${where}: ${java} does not exist`);
      continue;
    }
    const major = await javaMajor(java);
    if (major !== undefined && major >= MIN_JAVA) {
      return java;
    }
    tried.push(`${where}: ${java} is ${major === undefined ? 'not a working Java' : `Java ${major}`}`);
  }
  throw new JavaNotFound(`kls needs Java ${MIN_JAVA} or newer and found none (${tried.length ? tried.join('; ') : 'no kls.java.home, no JAVA_HOME, no java on PATH'}).`);
}

/** The major version `java -version` prints ("17.0.9" → 17, "1.8.0_292" → 8), or undefined. */
export function parseJavaVersion(text: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

function javaMajor(java: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile(java, ['-version'], { timeout: 15000 }, (err, stdout, stderr) => {
      resolve(err ? undefined : parseJavaVersion(`${stderr}\n${stdout}`));
    });
  });
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}
