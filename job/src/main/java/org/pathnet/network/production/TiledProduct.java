package org.pathnet.network.production;

import static org.pathnet.network.production.Lanes.LANES;
import static org.pathnet.network.production.Lanes.SPECIES;
import static org.pathnet.network.production.Lanes.TILE_COLUMNS;
import static org.pathnet.network.production.Lanes.TILE_ROWS;

import jdk.incubator.vector.FloatVector;
import org.pathnet.network.TiledInputs.Terms;

/**
 * The kernel's one matrix product, an outer-product tile of TILE_ROWS rows x TILE_COLUMNS columns: it serves both
 * the forward product (batch x weights) and the weight gradient (inputs^T x delta), over contiguous vectors with
 * no horizontal sums. Only the terms a group of rows has non-zero inputs for are summed.
 */
final class TiledProduct {
  private TiledProduct() {}

  /**
   * {@code c[r][j] = init[j] + sum_t a(r, t) * b[t][j]} into {@code out}, for r below {@code rows} (a multiple of
   * TILE_ROWS) and every column of {@code b} (a multiple of TILE_COLUMNS wide), where {@code a(r, t)} is
   * {@code a[r * rowStride + t * innerStride]}; {@code init} null means zeros. Only the {@code terms} of each group
   * of TILE_ROWS rows are summed: the others are zero in all of its rows and add exactly nothing.
   */
  static void all(float[] a, int rowStride, int innerStride, Terms terms, float[] b, int columns, int rows,
      float[] init, float[] out) {
    for (int r = 0; r < rows; r += TILE_ROWS) {
      group(a, rowStride, innerStride, terms, b, columns, r, init, out, r);
    }
  }

  /** {@link #all} for rows {@code r .. r + TILE_ROWS} only, written to {@code out} from row {@code outRow}. */
  static void group(float[] a, int rowStride, int innerStride, Terms terms, float[] b, int columns, int r,
      float[] init, float[] out, int outRow) {
    int a0 = r * rowStride;
    int a1 = a0 + rowStride;
    int a2 = a1 + rowStride;
    int a3 = a2 + rowStride;
    int first = terms.start(r / TILE_ROWS);
    int end = terms.start(r / TILE_ROWS + 1);
    for (int j = 0; j < columns; j += TILE_COLUMNS) {
      FloatVector i0 = init == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, init, j);
      FloatVector i1 = init == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, init, j + LANES);
      FloatVector c00 = i0;
      FloatVector c01 = i1;
      FloatVector c10 = i0;
      FloatVector c11 = i1;
      FloatVector c20 = i0;
      FloatVector c21 = i1;
      FloatVector c30 = i0;
      FloatVector c31 = i1;
      for (int k = first; k < end; k++) {
        int t = terms.term(k);
        int at = t * innerStride;
        int bt = t * columns + j;
        FloatVector b0 = FloatVector.fromArray(SPECIES, b, bt);
        FloatVector b1 = FloatVector.fromArray(SPECIES, b, bt + LANES);
        FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + at]);
        c00 = b0.fma(x, c00);
        c01 = b1.fma(x, c01);
        x = FloatVector.broadcast(SPECIES, a[a1 + at]);
        c10 = b0.fma(x, c10);
        c11 = b1.fma(x, c11);
        x = FloatVector.broadcast(SPECIES, a[a2 + at]);
        c20 = b0.fma(x, c20);
        c21 = b1.fma(x, c21);
        x = FloatVector.broadcast(SPECIES, a[a3 + at]);
        c30 = b0.fma(x, c30);
        c31 = b1.fma(x, c31);
      }
      int o = outRow * columns + j;
      c00.intoArray(out, o);
      c01.intoArray(out, o + LANES);
      c10.intoArray(out, o + columns);
      c11.intoArray(out, o + columns + LANES);
      c20.intoArray(out, o + 2 * columns);
      c21.intoArray(out, o + 2 * columns + LANES);
      c30.intoArray(out, o + 3 * columns);
      c31.intoArray(out, o + 3 * columns + LANES);
    }
  }
}
