import type { Diagnostics } from '../diagnostics';
import type { View } from '../view';
import type { Cell } from './cell';
import { CountCell } from './count-cell';
import { DistributionCell, type DistributionSpec } from './distribution-cell';
import { LastValueCell } from './last-value-cell';
import { SumCell } from './sum-cell';

/**
 * A function that makes a new, empty cell for one row of `view`; cells that
 * sum report an overflow of the sum to `diagnostics`. What every row of the
 * view shares is built once, here.
 */
export function cellFactory(view: View, diagnostics: Diagnostics): () => Cell {
  const { aggregation, measure } = view;
  switch (aggregation.type) {
    case 'count':
      return () => new CountCell();
    case 'sum':
      return () => new SumCell(diagnostics);
    case 'lastValue':
      return () => new LastValueCell();
    case 'distribution': {
      const spec: DistributionSpec = {
        bounds: aggregation._searchBounds,
        percentileScale: !aggregation.percentiles ? 0 : measure.type === 'float64' ? 1000 : 1,
        upperInclusive: aggregation.upperInclusive,
        diagnostics,
      };
      return () => new DistributionCell(spec);
    }
  }
}
