// The list is shared reference data (filters and pickers in other features use it too).
export {
  getNeighborhoods,
  getNeighborhoodsQueryOptions,
  NEIGHBORHOODS_QUERY_KEY,
  useNeighborhoods,
} from '../../../lib/reference-data/neighborhoods';
