/**
 * Writing output files (`synth -o`, `helm -o`, the fleet's `writeTo`) without following links.
 * The one owner of how an output file is written: into a new temporary file in the target's
 * directory (created exclusively, so a link planted at its name is not followed either), then
 * renamed over the target, so a reader never sees half a file. A symbolic link at the target, or
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

/** Writes `data` to `file` through a temporary file renamed over it; a link at `file` is refused (OutputLinkError). */
export function writeFileNoFollow(file: string, data: string | Uint8Array): void {
  // Said before a temporary file is made (rename would fail with a message naming that file).
  if (refuseLink(file)?.isDirectory()) throw new Error(`cannot write ${file}: it is a directory`);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
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
