/**
 * Lineage tracing: every cell carries a clone label (0 = none, 1..MAX_CLONE). A cell that comes alive takes
 * the label of its living neighbour of largest alpha; a cell that dies loses its label. Labels never change
 * the dynamics.
 */
export const MAX_CLONE = 15;
