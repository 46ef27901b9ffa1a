export { compare, type CompareOptions } from './compare.ts';
export { fingerprint } from './fingerprint.ts';
export { appendToHistory, emptyHistory, readHistory, writeHistory, HistoryFileError, DEFAULT_HISTORY_MAX } from './history.ts';
export { regressionSettings, RegressionSettingsError, type RegressionSettings } from './settings.ts';
export * from './types.ts';
export { changePointFindings, historySeries } from './change-point.ts';
export { digestRun } from './digest.ts';
export { median, robustBand } from './statistics.ts';
export { steadyWindows } from './windows.ts';
