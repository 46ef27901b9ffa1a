import type { Scenario } from '../../scenario/index.ts';
import type { ParentLink } from './parent-link.ts';
import type { WorkerTask } from './protocol.ts';
import { type RunRecord } from './record.ts';
/** What a slice needs of its link to the pool. */
export type SliceLink = Pick<ParentLink, 'post' | 'onMessage'>;
/**
 * Runs `task`'s slice of `loaded` (the scenario as loaded, before the process's own `--shard`):
 * reports ready, waits for the pool's go, runs, and returns the record (the caller posts it).
 */
export declare function runSlice(loaded: Scenario, task: WorkerTask, link: SliceLink): Promise<RunRecord>;
