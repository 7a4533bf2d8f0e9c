/**
 * Writing output files (`synth -o`, `helm -o`, the fleet's `writeTo`) without following links.
 * The one owner of how an output file is written: a file that exists is replaced through a new
 * temporary file in the target's directory (created exclusively, so a link planted at its name is
 * not followed either) renamed over it, so a reader never sees half of it; a file that does not
 * exist yet is created exclusively in place (nothing was there to see). A symbolic link at the target, or
 * at a directory made below the output directory, is an error that names it: written through, it
 * would overwrite whatever it points to (a planted `dist/openclaw.k8s.yaml -> ~/.bashrc`).
 * The output directory itself may be a link: the user chose it.
 */
import * as fs from 'fs';
import * as path from 'path';

/** An output path that is a symbolic link. */
export class OutputLinkError extends Error {
  constructor(public readonly file: string, target: string) {
    super(`cannot write ${file}: it is a symbolic link (to ${target}), and output files are never written through a link: remove the link or choose another directory`);
    this.name = 'OutputLinkError';
  }
}

let sequence = 0;

/** Throws OutputLinkError when `file` is a symbolic link; returns what is there (undefined: nothing). */
export function refuseLink(file: string): fs.Stats | undefined {
  // No exception for a missing file: the usual case, once per file of a fleet.
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) throw new OutputLinkError(file, fs.readlinkSync(file));
  return stat;
}

/** Makes `dir` (and its parents) unless it exists; a link there is refused. For directories below the output directory. */
export function makeDirNoFollow(dir: string): void {
  refuseLink(dir);
  fs.mkdirSync(dir, { recursive: true });
}

/**
 * Writes `data` to `file`; a link at `file` is refused (OutputLinkError). An existing file is
 * replaced through a temporary file renamed over it (a reader sees the old file or the new one).
 * A file that is not there yet is created in place, exclusively (O_EXCL: whatever appears there
 * first, a link included, makes it take the first way): one file creation instead of a temporary
 * file, a rename and a look-up, which was a third of a fleet's time on disk. A write that fails
 * removes the file it created.
 */
export function writeFileNoFollow(file: string, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  if (createNew(file, bytes)) return;
  // Said before a temporary file is made (rename would fail with a message naming that file).
  if (refuseLink(file)?.isDirectory()) throw new Error(`cannot write ${file}: it is a directory`);
  const { fd, temp } = openTemporary(file);
  try {
    try {
      for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, bytes.length - at);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** Writes `bytes` into `file` when nothing is there yet; false when something is (or the path fails otherwise). */
function createNew(file: string, bytes: Uint8Array): boolean {
  const { O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL, 0o666);
  } catch {
    return false; // there already (a file, a link, a directory) or not creatable: the careful way says which
  }
  try {
    try {
      for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, bytes.length - at);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
  return true;
}

/** A new file beside `file`: O_EXCL fails on anything already there, a link included. */
function openTemporary(file: string): { fd: number; temp: string } {
  const { O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
  for (;;) {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${sequence++}.tmp`);
    try {
      return { fd: fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL, 0o666), temp };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
