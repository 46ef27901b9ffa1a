// Capacity search: arrival-rate steps up to the first breach of an SLO.
export { runCapacity, DEFAULT_CAPACITY, type CapacitySettings } from './run-capacity.ts';
export { parseSlo, SloError, type Slo } from './slo.ts';
