export { rpczHandler } from './handler';
export type { RpczHandler } from './handler';
export type { RpczOptions } from './options';
export type { RpczReport, RpczRow, WindowName as RpczWindowName } from './report';
export type { RpczWindow } from './window';
export type { MissingView as RpczMissingView, Side as RpczSide } from './view-set';
