import type { ResilienceView } from './resilience-view.ts';
/** The terminal's AVAILABILITY section: the run's availability, its worst second, and each event with what followed. */
export declare function resilienceLines(view: ResilienceView): string[];
