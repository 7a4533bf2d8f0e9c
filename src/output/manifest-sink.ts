/**
 * Where builders put the objects they make. The chart turns each into a cdk8s ApiObject; the fast
 * path (renderObjects, used by OpenClawFleet and the CLI) finalizes the JSON directly, exactly as
 * ApiObject.toJson() would, without a construct tree and without loading cdk8s.
 */

export interface ManifestSink {
  /** Adds one Kubernetes object; `id` is its construct id in the chart. */
  add(id: string, manifest: Record<string, any>): void;
}

/** Collects finalized objects (same JSON as `Testing.synth` of the chart). */
export class JsonSink implements ManifestSink {
  public readonly objects: any[] = [];

  constructor(private readonly namespace: string) {}

  public add(_id: string, manifest: Record<string, any>): void {
    const { metadata, ...rest } = manifest;
    // As ApiObject: metadata gets the chart namespace and loses empty maps and lists; every map's
    // keys are sorted; null and undefined disappear; apiVersion, kind, metadata come first.
    const meta = sanitize({ ...metadata, namespace: metadata?.namespace ?? this.namespace }, true);
    const body = sanitize(rest, false) as Record<string, unknown>;
    const ordered: Record<string, unknown> = { apiVersion: body.apiVersion, kind: body.kind, metadata: meta };
    for (const key of Object.keys(body)) if (!(key in ordered)) ordered[key] = body[key];
    this.objects.push(ordered);
  }
}

/** @internal cdk8s's sanitizeValue with sorted keys (filterEmpty: its metadata variant). */
export function sanitize(value: any, filterEmpty: boolean): any {
  if (value == null) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (filterEmpty && value.length === 0) return undefined;
    const list = new Array(value.length);
    for (let i = 0; i < value.length; i++) list[i] = sanitize(value[i], filterEmpty);
    return list;
  }
  const ctor = value.constructor;
  if (ctor !== Object && ctor.name !== 'Object') throw new Error(`can't render non-simple object of type '${ctor.name}'`);
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  if (!sorted(keys)) keys.sort();
  let kept = 0;
  for (let i = 0; i < keys.length; i++) {
    const v = sanitize(value[keys[i]], filterEmpty);
    if (v != null) {
      out[keys[i]] = v;
      kept++;
    }
  }
  if (filterEmpty && kept === 0) return undefined;
  return out;
}

/** @internal Whether `keys` are in `Array.prototype.sort` order already (UTF-16 code units). */
export function sorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}
