package org.vigil.semantic.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A logistic regression over sentence embeddings, with what the cascade needs to use it: the
 * embedding model it reads, the maxent screen, the flag threshold chosen with it and the model
 * version it was calibrated with. Its bytes are its file; its version is derived from them.
 *
 * @param embedding the embedding model's name ({@link Embedder#NAME})
 * @param calibratedFor the classifier model version the threshold was chosen with
 * @param screen the maxent score from which a passage is embedded
 * @param threshold the flag threshold on the mean of the maxent score and this head's
 * @param weights one weight per embedding dimension, then the bias
 */
public record Head(
    String embedding, String calibratedFor, double screen, double threshold, float[] weights) {
  private static final String MAGIC = "vigil-semantic-head 1";

  public Head {
    if (weights.length < 2) {
      throw new IllegalArgumentException("a head needs weights and a bias");
    }
    weights = weights.clone();
  }

  /** The head's probability that the text of {@code embedding} is extremist. */
  public double probability(float[] vector) {
    if (vector.length != weights.length - 1) {
      throw new IllegalArgumentException(
          "embedding has " + vector.length + " dimensions, head " + (weights.length - 1));
    }
    double z = weights[weights.length - 1];
    for (int i = 0; i < vector.length; i++) {
      z += weights[i] * vector[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The file's bytes. */
  public byte[] bytes() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeUTF(MAGIC);
      out.writeUTF(embedding);
      out.writeUTF(calibratedFor);
      out.writeDouble(screen);
      out.writeDouble(threshold);
      out.writeInt(weights.length);
      for (float w : weights) {
        out.writeFloat(w);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // a byte array does not fail
    }
    return buffer.toByteArray();
  }

  /** {@code e5-small-v2-q-} and the first 12 hex digits of the SHA-256 of {@link #bytes()}. */
  public String version() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes());
      return embedding + "-" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  /**
   * Reads a head file's bytes.
   *
   * @throws IOException when they are not a head file
   */
  public static Head fromBytes(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IOException("not a semantic head file");
      }
      String embedding = in.readUTF();
      String calibratedFor = in.readUTF();
      double screen = in.readDouble();
      double threshold = in.readDouble();
      int n = in.readInt();
      if (n < 2 || n > 100_000) {
        throw new IOException("corrupt semantic head file (" + n + " weights)");
      }
      float[] weights = new float[n];
      for (int i = 0; i < n; i++) {
        weights[i] = in.readFloat();
      }
      if (in.read() != -1) {
        throw new IOException("corrupt semantic head file (trailing bytes)");
      }
      return new Head(embedding, calibratedFor, screen, threshold, weights);
    } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
      throw new IOException("not a semantic head file (truncated or corrupt)", e);
    }
  }
}
