/**
 * The props of OpenClaw and OpenClawChart, one file per resource family, and their frozen defaults.
 * The user's manual: every field has its default and what it means.
 */
export * from './openclaw-props';
export * from './kubernetes';
export * from './workload';
export * from './network';
export * from './access';
export * from './config';
export * from './operations';
export * from './browser';
export { DEFAULTS } from './defaults';
export type { DeepReadonly } from './defaults';
