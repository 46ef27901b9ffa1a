/**
 * Shared by a registry and all of its handles: samples are recorded only while `measuring`
 * (warm-up samples are dropped). One property read on the hot path.
 */
export interface Gate {
    measuring: boolean;
}
