import * as fs from 'fs';
import * as path from 'path';

/** A kernel-style tree: a Kconfig at the top and an arch/ folder beside it (as `kls lint` finds its tree). */
export async function isKernelTree(dir: string): Promise<boolean> {
  try {
    const [k, a] = await Promise.all([fs.promises.stat(path.join(dir, 'Kconfig')), fs.promises.stat(path.join(dir, 'arch'))]);
    return k.isFile() && a.isDirectory();
  } catch {
    return false;
  }
}
