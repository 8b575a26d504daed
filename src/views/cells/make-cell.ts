import type { Diagnostics } from '../diagnostics';
import type { View } from '../view';
import type { Cell } from './cell';
import { CountCell } from './count-cell';
import { DistributionCell } from './distribution-cell';
import { LastValueCell } from './last-value-cell';
import { SumCell } from './sum-cell';

/** A new, empty cell for one row of `view`; cells that sum report an overflow of the sum to `diagnostics`. */
export function makeCell(view: View, diagnostics: Diagnostics): Cell {
  const { aggregation, measure } = view;
  switch (aggregation.type) {
    case 'count':
      return new CountCell();
    case 'sum':
      return new SumCell(diagnostics);
    case 'lastValue':
      return new LastValueCell();
    case 'distribution': {
      const scale = !aggregation.percentiles ? 0 : measure.type === 'float64' ? 1000 : 1;
      return new DistributionCell(aggregation._searchBounds, scale, aggregation.upperInclusive, diagnostics);
    }
  }
}
