/**
 * A pod network for the e2e harness, shaped like a bridge CNI plugin on one node:
 *
 * - a "node" network namespace with a bridge holding the node address `10.89.X.1/24`: the kubelet's
 *   probes and a Service's forwarded connections come from there;
 * - each pod (the gateway pod started by `runPod`, a client pod, an ingress proxy) in a network
 *   namespace of its own, joined to the bridge by a veth pair, with `10.89.X.N/24` and a default
 *   route through the node;
 * - a ClusterIP Service played by a TCP forwarder in the node namespace on `10.90.X.10`, as
 *   kube-proxy's userspace mode did (so the gateway sees the node address as the caller).
 *
 * Nothing touches the host's network namespace: every interface is created inside the node
 * namespace and moved straight into its pod's. X is chosen per run among the values no other live
 * run uses, and every name carries the run's id, so runs on one machine never meet. `destroy()`
 * ends the processes and deletes the namespaces (deleting the node namespace deletes the bridge and
 * the veth pairs); namespaces left by a run that died are removed by the next one.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import { killNow, POD_NICE, sleep, track } from './pod-process';
import type { PodNetworkJoin } from './pod-types';
import { processAlive } from './processes';

const NETNS_DIR = '/run/netns';
/** Namespace names: `oce2e-<X>-<pid>-<id>-<role>`; the pid says whether the run that made them lives. */
const NAME = /^oce2e-(\d+)-(\d+)-([0-9a-f]+)-[a-z0-9]+$/;

/** A network namespace of this network with its address on the bridge. */
export interface NetNamespace {
  readonly role: string;
  /** The pod address, e.g. `10.89.7.3`. */
  readonly address: string;
  /** For `nsenter --net=`. */
  readonly netns: string;
}

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${(r.stderr || r.error?.message || '').trim()}`);
}

/** Namespaces of runs whose process is gone: removed; the X values of live runs: returned. */
function reapStaleAndListUsed(): Set<number> {
  const used = new Set<number>();
  let names: string[] = [];
  try {
    names = fs.readdirSync(NETNS_DIR);
  } catch {
    return used;
  }
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    if (processAlive(Number(m[2]))) used.add(Number(m[1]));
    else spawnSync('ip', ['netns', 'del', name], { timeout: 30000 });
  }
  return used;
}

const FORWARDER_SRC = String.raw`
const net = require('net');
const [listenHost, listenPort, targetHost, targetPort] = process.argv.slice(1);
net.createServer((c) => {
  const u = net.connect({ host: targetHost, port: Number(targetPort) });
  c.pipe(u); u.pipe(c);
  c.on('error', () => u.destroy()); u.on('error', () => c.destroy());
}).listen(Number(listenPort), listenHost, () => process.stdout.write('listening\n'));
`;

/**
 * An ingress proxy as ingress-nginx behaves by default (`use-forwarded-headers: false`): it does not
 * trust a client's forwarding headers and sets `X-Forwarded-For` to the address the request came from.
 */
const PROXY_SRC = String.raw`
const http = require('http');
const [listenPort, targetHost, targetPort] = process.argv.slice(1);
http.createServer((req, res) => {
  const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress, 'x-real-ip': req.socket.remoteAddress,
    'x-forwarded-proto': 'http', 'x-forwarded-host': req.headers.host || '', 'x-forwarded-port': String(listenPort) };
  const up = http.request({ host: targetHost, port: Number(targetPort), method: req.method, path: req.url, headers, agent: false }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  up.on('error', (e) => { res.writeHead(502); res.end('proxy: ' + e.message); });
  req.pipe(up);
}).listen(Number(listenPort), '0.0.0.0', () => process.stdout.write('listening\n'));
`;

export class PodNetwork implements PodNetworkJoin {
  /** Creates the node namespace and its bridge. */
  static create(): PodNetwork {
    const used = reapStaleAndListUsed();
    const free = Array.from({ length: 254 }, (_, i) => i + 1).filter((x) => !used.has(x));
    if (!free.length) throw new Error('no free 10.89.X.0/24 for the e2e pod network');
    const x = free[crypto.randomInt(free.length)];
    return new PodNetwork(x, crypto.randomBytes(2).toString('hex'));
  }

  /** `10.89.X.0/24` */
  readonly subnet: string;
  /** The bridge's address in the node namespace: where probes and the Service's connections come from. */
  readonly nodeAddress: string;
  readonly nodeNetns: string;
  private readonly prefix: string;
  private readonly nodeName: string;
  private readonly namespaces: string[] = [];
  private readonly processes: ChildProcess[] = [];
  private nextHost = 2;
  private links = 0;
  private serviceRange = false;

  private constructor(readonly x: number, private readonly id: string) {
    this.subnet = `10.89.${x}.0/24`;
    this.nodeAddress = `10.89.${x}.1`;
    this.prefix = `oce2e-${x}-${process.pid}-${id}`;
    this.nodeName = `${this.prefix}-node`;
    this.nodeNetns = `${NETNS_DIR}/${this.nodeName}`;
    this.addNetns(this.nodeName);
    const n = ['-n', this.nodeName];
    try {
      ip([...n, 'link', 'set', 'lo', 'up']);
      ip([...n, 'link', 'add', 'br0', 'type', 'bridge']);
      ip([...n, 'addr', 'add', `${this.nodeAddress}/24`, 'dev', 'br0']);
      ip([...n, 'link', 'set', 'br0', 'up']);
    } catch (e) {
      this.destroySync();
      throw e;
    }
  }

  /** A pod of its own (a client, the ingress proxy) with the next address. */
  addNamespace(role: string): NetNamespace {
    const name = `${this.prefix}-${role}`;
    this.addNetns(name);
    const address = this.plumb(name, `${NETNS_DIR}/${name}`);
    return { role, address, netns: `${NETNS_DIR}/${name}` };
  }

  /** `PodNetworkJoin`: the network namespace of process `pid` (the gateway pod's PID 1) joins the bridge. */
  join(pid: number): string {
    return this.plumb(String(pid), `/proc/${pid}/ns/net`);
  }

  /** A ClusterIP Service on `10.90.X.10:port` in the node namespace, forwarding to `target:targetPort`. */
  async addService(port: number, target: string, targetPort: number): Promise<{ clusterIP: string; stop: () => void }> {
    const clusterIP = `10.90.${this.x}.10`;
    if (!this.serviceRange) {
      // Reached through the pods' default route: the node owns the ClusterIP range.
      ip(['-n', this.nodeName, 'addr', 'add', `${clusterIP}/32`, 'dev', 'lo']);
      this.serviceRange = true;
    }
    const stop = await this.serve(this.nodeNetns, FORWARDER_SRC, [clusterIP, String(port), target, String(targetPort)], `service ${clusterIP}:${port}`);
    return { clusterIP, stop };
  }

  /** Starts the ingress proxy (see PROXY_SRC) in `ns`, on `port`, in front of `target:targetPort`; returns its stop. */
  startProxy(ns: NetNamespace, port: number, target: string, targetPort: number): Promise<() => void> {
    return this.serve(ns.netns, PROXY_SRC, [String(port), target, String(targetPort)], `proxy ${ns.address}:${port}`);
  }

  /** Ends the servers and deletes every namespace of this network. */
  destroy(): void {
    this.destroySync();
  }

  private addNetns(name: string): void {
    ip(['netns', 'add', name]);
    this.namespaces.push(name);
  }

  /** A veth pair from the bridge to `eth0` in the target namespace, the next address, a default route via the node. */
  private plumb(target: string, netnsPath: string): string {
    if (this.nextHost > 254) throw new Error('the e2e pod network is full');
    const address = `10.89.${this.x}.${this.nextHost++}`;
    const veth = `v${this.id}${this.links++}`;
    ip(['-n', this.nodeName, 'link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', target]);
    ip(['-n', this.nodeName, 'link', 'set', veth, 'master', 'br0', 'up']);
    const inNs = (args: string[]) => {
      const r = spawnSync('nsenter', [`--net=${netnsPath}`, '--', 'ip', ...args], { encoding: 'utf8', timeout: 30000 });
      if (r.status !== 0) throw new Error(`ip ${args.join(' ')} in ${netnsPath}: ${(r.stderr || r.error?.message || '').trim()}`);
    };
    inNs(['link', 'set', 'lo', 'up']);
    inNs(['addr', 'add', `${address}/24`, 'dev', 'eth0']);
    inNs(['link', 'set', 'eth0', 'up']);
    inNs(['route', 'add', 'default', 'via', this.nodeAddress]);
    return address;
  }

  /** Runs a small Node server in a namespace and waits until it listens; returns its stop. */
  private async serve(netns: string, src: string, args: string[], what: string): Promise<() => void> {
    const p = track(spawn(POD_NICE[0], [...POD_NICE.slice(1), 'nsenter', `--net=${netns}`, '--', process.execPath, '-e', src, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    this.processes.push(p);
    let out = '';
    p.stdout!.on('data', (c) => (out += c));
    p.stderr!.on('data', (c) => (out += c));
    const deadline = Date.now() + 30000;
    while (!out.includes('listening') && p.exitCode === null && Date.now() < deadline) await sleep(50);
    if (!out.includes('listening')) {
      killNow(p);
      throw new Error(`${what} did not start: ${out.trim() || 'no output within 30 s'}`);
    }
    return () => killNow(p);
  }

  private destroySync(): void {
    for (const p of this.processes.splice(0)) killNow(p);
    for (const name of this.namespaces.splice(0).reverse()) spawnSync('ip', ['netns', 'del', name], { timeout: 30000 });
  }
}
