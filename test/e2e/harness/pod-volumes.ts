/** Volumes prepared like the kubelet does: emptyDir, PVC roots, atomic-writer ConfigMap/Secret/projected files, fsGroup. */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { EnvContext, fieldRefValue, resourceFieldValue } from './pod-env';
import { configMapData } from './pod-objects';
import type { RunPodOptions } from './pod-types';

export interface PreparedVolume {
  readonly name: string;
  readonly dir: string;
  /** ConfigMap, Secret, projected, downwardAPI: the kubelet mounts these read-only. */
  readonly alwaysReadOnly: boolean;
}

interface FileEntry {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

function keyedFiles(data: Record<string, string>, items: any[] | undefined, defaultMode: number, what: string, optional: boolean): FileEntry[] {
  if (!items) return Object.entries(data).map(([k, v]) => ({ path: k, content: v, mode: defaultMode }));
  return items.flatMap((it) => {
    if (!(it.key in data)) {
      if (optional) return [];
      throw new Error(`${what}: key ${it.key} not found`);
    }
    return [{ path: it.path, content: data[it.key], mode: it.mode ?? defaultMode }];
  });
}

/** Writes files with the kubelet's atomic-writer layout: `..<ts>/` real files, `..data` link, top-level links. */
function writeAtomic(dir: string, files: FileEntry[]): void {
  const ts = `..${new Date().toISOString().replace(/[-:]/g, '_').replace(/\..*$/, '')}.${crypto.randomBytes(4).toString('hex')}`;
  const real = path.join(dir, ts);
  fs.mkdirSync(real, { recursive: true });
  fs.chmodSync(real, 0o755);
  const tops = new Set<string>();
  for (const f of files) {
    const target = path.join(real, f.path);
    if (!target.startsWith(real + path.sep)) throw new Error(`bad volume file path ${f.path}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content);
    fs.chmodSync(target, f.mode & 0o7777);
    tops.add(f.path.split('/')[0]);
  }
  fs.symlinkSync(ts, path.join(dir, '..data'));
  for (const t of tops) fs.symlinkSync(path.join('..data', t), path.join(dir, t));
}

/** The kubelet's fsGroup ownership change: group fsGroup, g+rw (ro volumes: g+r), dirs g+x and setgid. */
function applyFsGroup(dir: string, fsGroup: number, readOnly: boolean): void {
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) {
      fs.lchownSync(p, st.uid, fsGroup);
      return;
    }
    fs.chownSync(p, st.uid, fsGroup);
    let mask = readOnly ? 0o440 : 0o660;
    if (st.isDirectory()) mask |= 0o110 | 0o2000;
    fs.chmodSync(p, (st.mode & 0o7777) | mask);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
}

export function prepareVolumes(ctx: EnvContext, volRoot: string, opts: RunPodOptions, warnings: string[]): Map<string, PreparedVolume> {
  const pod = ctx.pod;
  const fsGroup: number | undefined = pod.spec.securityContext?.fsGroup;
  const out = new Map<string, PreparedVolume>();
  const pvcRoot = opts.pvcDir ?? path.join(volRoot, '..', 'pvc');
  // A pod whose first volume is a claim (a one-off restore pod) links it before any emptyDir made the directory.
  fs.mkdirSync(volRoot, { recursive: true });
  for (const v of pod.spec.volumes ?? []) {
    const dir = path.join(volRoot, v.name);
    let alwaysReadOnly = false;
    if (v.emptyDir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.chmodSync(dir, 0o777);
    } else if (v.persistentVolumeClaim) {
      const claim = v.persistentVolumeClaim.claimName;
      const pvc = path.join(pvcRoot, claim);
      if (!fs.existsSync(pvc)) {
        fs.mkdirSync(pvc, { recursive: true });
        fs.chmodSync(pvc, opts.pvcRootMode ?? 0o755);
      }
      fs.symlinkSync(pvc, dir);
    } else if (v.configMap || v.secret || v.projected || v.downwardAPI) {
      alwaysReadOnly = true;
      fs.mkdirSync(dir, { recursive: true });
      const files: FileEntry[] = [];
      const fromConfigMap = (src: any, mode: number) => {
        const data = configMapData(ctx.objects, pod, ctx.defaultNs, src.name);
        if (!data) {
          if (src.optional) return;
          throw new Error(`volume ${v.name}: ConfigMap ${src.name} not found`);
        }
        files.push(...keyedFiles(data, src.items, mode, `volume ${v.name} ConfigMap ${src.name}`, !!src.optional));
      };
      const fromSecret = (src: any, name: string, mode: number) => {
        const data = ctx.secrets.get(name);
        if (!data) {
          if (src.optional) return;
          throw new Error(`volume ${v.name}: Secret ${name} not found (give it in secretValues)`);
        }
        files.push(...keyedFiles(data, src.items, mode, `volume ${v.name} Secret ${name}`, !!src.optional));
      };
      const fromDownward = (src: any, mode: number) => {
        for (const it of src.items ?? []) {
          const content = it.fieldRef ? fieldRefValue(pod, it.fieldRef.fieldPath) : resourceFieldValue(pod.spec.containers?.[0] ?? {}, it.resourceFieldRef);
          files.push({ path: it.path, content, mode: it.mode ?? mode });
        }
      };
      if (v.configMap) fromConfigMap(v.configMap, v.configMap.defaultMode ?? 0o644);
      if (v.secret) fromSecret(v.secret, v.secret.secretName, v.secret.defaultMode ?? 0o644);
      if (v.downwardAPI) fromDownward(v.downwardAPI, v.downwardAPI.defaultMode ?? 0o644);
      if (v.projected) {
        const mode = v.projected.defaultMode ?? 0o644;
        for (const s of v.projected.sources ?? []) {
          if (s.configMap) fromConfigMap(s.configMap, mode);
          else if (s.secret) fromSecret(s.secret, s.secret.name, mode);
          else if (s.downwardAPI) fromDownward(s.downwardAPI, mode);
          else if (s.serviceAccountToken) files.push({ path: s.serviceAccountToken.path, content: 'e2e.fake.serviceaccount.token', mode });
          else throw new Error(`volume ${v.name}: unsupported projected source ${JSON.stringify(s)}`);
        }
      }
      writeAtomic(dir, files);
    } else {
      throw new Error(`volume ${v.name}: unsupported volume source ${JSON.stringify(v)}`);
    }
    out.set(v.name, { name: v.name, dir, alwaysReadOnly });
  }
  // volumeClaimTemplates: a PVC per replica (`<template>-<sts>-<index>`) mounted by template name.
  for (const t of pod.claimTemplates) {
    if (out.has(t)) {
      warnings.push(`pod volume ${t} shadows the volumeClaimTemplate of the same name`);
      continue;
    }
    const claim = `${t}-${pod.workloadName}-${pod.index}`;
    const pvc = path.join(pvcRoot, claim);
    if (!fs.existsSync(pvc)) {
      fs.mkdirSync(pvc, { recursive: true });
      fs.chmodSync(pvc, opts.pvcRootMode ?? 0o755);
    }
    out.set(t, { name: t, dir: pvc, alwaysReadOnly: false });
  }
  if (fsGroup !== undefined) {
    // ConfigMap/Secret/emptyDir/PVC all support ownership management.
    for (const v of out.values()) applyFsGroup(fs.realpathSync(v.dir), fsGroup, v.alwaysReadOnly);
  }
  return out;
}
