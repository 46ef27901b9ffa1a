import { type McpTarget } from '../../mcp/index.ts';
import type { RunShare } from './share.ts';
/**
 * One `server/discover` probe for all workers, as in one process (McpTarget.discovery is the probe
 * its sessions share): the leader's sessions probe as usual and its verdict, or its failure, is
 * published; a follower's sessions wait for it instead of probing. A failure fails the follower's
 * waiting sessions as it fails the leader's, and its next sessions wait for the leader's next
 * probe. Once the leader has ended, a follower probes for itself.
 */
export declare function shareDiscovery(target: McpTarget, share: RunShare): void;
