export { Measure } from './measure';
export type { Measurement, MeasureType } from './measure';
