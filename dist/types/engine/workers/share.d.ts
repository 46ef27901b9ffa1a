/**
 * What the workers of one run find out once for all, as a one-process run does: worker 1 (the
 * leader) runs the discovery probe and holds the OAuth tokens; it publishes what it learns, the
 * others (followers) are told it through the parent, and ask the leader when they need something
 * new (a token after a 401). When the leader has ended, `leaderGone` fires and followers find out
 * for themselves from then on.
 */
export interface RunShare {
    leader: boolean;
    /** Leader: tell every other worker. */
    publish(key: string, value: unknown): void;
    /** Follower: ask the leader (it answers by publishing). */
    ask(key: string, value: unknown): void;
    /** The last value published under `key`, if any, then every one from now on (followers). */
    subscribe(key: string, listener: (value: unknown) => void): void;
    /** The followers' asks (leader). */
    onAsk(listener: (key: string, value: unknown) => void): void;
    /** The leader ended before this follower did. */
    onLeaderGone(listener: () => void): void;
}
/** A worker's messages about shared facts (the parent routes them to the others, see pool.ts). */
export type ShareOut = {
    type: 'share';
    key: string;
    value: unknown;
} | {
    type: 'ask';
    key: string;
    value: unknown;
};
/** What a worker is told: the leader's findings, a follower's ask, the leader's end. */
export type ShareMessage = ShareOut | {
    type: 'leader-gone';
};
export declare class WorkerShare implements RunShare {
    readonly leader: boolean;
    private readonly post;
    private readonly listeners;
    private readonly askListeners;
    private readonly goneListeners;
    /** The last value told under each key: a worker that starts late still learns what the leader found. */
    private readonly latest;
    private gone;
    constructor(leader: boolean, post: (message: ShareOut) => void);
    publish(key: string, value: unknown): void;
    ask(key: string, value: unknown): void;
    subscribe(key: string, listener: (value: unknown) => void): void;
    onAsk(listener: (key: string, value: unknown) => void): void;
    onLeaderGone(listener: () => void): void;
    /** A message from the parent. */
    receive(message: ShareMessage): void;
}
