import type { Finding, Result } from './types.ts';
/** A window below this success ratio is a dip... */
export declare const DIP_BELOW = 0.95;
type Input = Pick<Result, 'events' | 'availability' | 'timeSeries' | 'startedAt'>;
/**
 * What followed each event that failures followed (`recovery`), and the dips in availability no
 * event explains (`availability-dip`): send-time windows, so a burst is dated when it began.
 */
export declare function availabilityFindings(result: Input): Finding[];
export {};
