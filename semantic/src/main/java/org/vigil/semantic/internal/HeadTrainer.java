package org.vigil.semantic.internal;

import java.util.List;

/**
 * Fits a head's weights: L2-regularised logistic regression by Newton's method, a fixed number of
 * iterations in a fixed order, so the same embeddings always give the same bytes.
 */
public final class HeadTrainer {
  /** The L2 cost on the weights (not the bias); measured with the bench's cascade (model card). */
  static final double L2 = 1.0;

  /** Newton iterations: the fit has converged to float precision by then on the recipe's rows. */
  static final int ITERATIONS = 12;

  /**
   * Weights are rounded to this many decimals, so that last-bit differences in the embeddings (ONNX
   * Runtime's threads may sum in another order) do not change the head's bytes.
   */
  static final double ROUNDING = 1e4;

  private HeadTrainer() {}

  /**
   * The weights (then the bias) of a logistic regression of {@code extremist} on {@code vectors}.
   *
   * @throws IllegalArgumentException when the lists differ in length, are empty or hold one class
   */
  public static float[] fit(List<float[]> vectors, List<Boolean> extremist) {
    int n = vectors.size();
    if (n == 0 || n != extremist.size()) {
      throw new IllegalArgumentException(n + " vectors, " + extremist.size() + " labels");
    }
    if (!extremist.contains(true) || !extremist.contains(false)) {
      throw new IllegalArgumentException("the head needs extremist and other texts");
    }
    int d = vectors.get(0).length + 1;
    double[] beta = new double[d];
    double[] x = new double[d];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int r = 0; r < n; r++) {
        withBias(vectors.get(r), x);
        double p = sigmoid(dot(beta, x));
        double g = p - (extremist.get(r) ? 1 : 0);
        double w = p * (1 - p);
        for (int i = 0; i < d; i++) {
          gradient[i] += g * x[i];
          double wx = w * x[i];
          double[] row = hessian[i];
          for (int j = 0; j <= i; j++) {
            row[j] += wx * x[j];
          }
        }
      }
      for (int i = 0; i < d - 1; i++) {
        gradient[i] += L2 * beta[i];
        hessian[i][i] += L2;
      }
      double[] step = Cholesky.solve(hessian, gradient);
      for (int i = 0; i < d; i++) {
        beta[i] -= step[i];
      }
    }
    float[] weights = new float[d];
    for (int i = 0; i < d; i++) {
      weights[i] = (float) (Math.round(beta[i] * ROUNDING) / ROUNDING);
    }
    return weights;
  }

  private static void withBias(float[] v, double[] x) {
    if (v.length != x.length - 1) {
      throw new IllegalArgumentException("vectors differ in length");
    }
    for (int i = 0; i < v.length; i++) {
      x[i] = v[i];
    }
    x[v.length] = 1;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Solves a symmetric positive definite system given by its lower triangle. */
  static final class Cholesky {
    private Cholesky() {}

    static double[] solve(double[][] lower, double[] b) {
      int d = b.length;
      double[][] l = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          double s = lower[i][j];
          for (int k = 0; k < j; k++) {
            s -= l[i][k] * l[j][k];
          }
          if (i == j) {
            if (s <= 0) {
              throw new IllegalStateException("Hessian not positive definite");
            }
            l[i][i] = Math.sqrt(s);
          } else {
            l[i][j] = s / l[j][j];
          }
        }
      }
      double[] y = new double[d];
      for (int i = 0; i < d; i++) {
        double s = b[i];
        for (int k = 0; k < i; k++) {
          s -= l[i][k] * y[k];
        }
        y[i] = s / l[i][i];
      }
      double[] x = new double[d];
      for (int i = d - 1; i >= 0; i--) {
        double s = y[i];
        for (int k = i + 1; k < d; k++) {
          s -= l[k][i] * x[k];
        }
        x[i] = s / l[i][i];
      }
      return x;
    }
  }
}
