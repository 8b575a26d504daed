export { rpczHandler } from './handler';
export type { RpczHandler } from './handler';
export type { RpczOptions } from './options';
export type { RpczReport, RpczRow, WindowName } from './report';
export type { RpczWindow } from './window';
export type { MissingView, Side } from './view-set';
