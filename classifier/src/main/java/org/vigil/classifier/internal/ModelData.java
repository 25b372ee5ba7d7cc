package org.vigil.classifier.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;

/**
 * A trained model: the OpenNLP maxent model, the indicator catalogue it was trained with, the flag
 * threshold and descriptive properties. The file format is a plain data stream with no timestamps
 * and sorted properties, so the same training input gives the same bytes; the version is derived
 * from a hash of those bytes.
 */
public final class ModelData {
  static final String MAGIC = "VIGIL-EXTREMISM-MODEL";
  static final int FORMAT = 1;

  private final MaxentModel maxent;
  private final IndicatorCatalogue catalogue;
  private final SortedMap<String, String> properties;
  private final byte[] bytes;
  private final String version;
  private final List<String> categories;

  public ModelData(AbstractModel maxent, IndicatorCatalogue catalogue, Map<String, String> props)
      throws IOException {
    this.maxent = maxent;
    this.catalogue = catalogue;
    this.properties = Collections.unmodifiableSortedMap(new TreeMap<>(props));
    this.bytes = serialize(maxent, catalogue, properties);
    this.version = properties.getOrDefault("name", "vigil") + "-" + sha256(bytes).substring(0, 12);
    this.categories = outcomes(maxent);
  }

  private ModelData(
      MaxentModel maxent, IndicatorCatalogue catalogue, SortedMap<String, String> props, byte[] b) {
    this.maxent = maxent;
    this.catalogue = catalogue;
    this.properties = Collections.unmodifiableSortedMap(props);
    this.bytes = b;
    this.version = props.getOrDefault("name", "vigil") + "-" + sha256(b).substring(0, 12);
    this.categories = outcomes(maxent);
  }

  private static List<String> outcomes(MaxentModel m) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < m.getNumOutcomes(); i++) {
      out.add(m.getOutcome(i));
    }
    return List.copyOf(out);
  }

  /** A copy of this model with another flag threshold (and so another version). */
  public ModelData withThreshold(double threshold) throws IOException {
    Map<String, String> p = new TreeMap<>(properties);
    p.put("threshold", Double.toString(threshold));
    return new ModelData((AbstractModel) maxent, catalogue, p);
  }

  /** A copy of this model with one more descriptive property (and so another version). */
  public ModelData withProperty(String key, String value) throws IOException {
    Map<String, String> p = new TreeMap<>(properties);
    p.put(key, value);
    return new ModelData((AbstractModel) maxent, catalogue, p);
  }

  public MaxentModel maxent() {
    return maxent;
  }

  public IndicatorCatalogue catalogue() {
    return catalogue;
  }

  public SortedMap<String, String> properties() {
    return properties;
  }

  public double threshold() {
    return Double.parseDouble(properties.getOrDefault("threshold", "0.5"));
  }

  public String version() {
    return version;
  }

  public List<String> categories() {
    return categories;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  private static byte[] serialize(
      MaxentModel maxent, IndicatorCatalogue catalogue, SortedMap<String, String> props)
      throws IOException {
    ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
    GenericModelWriter writer =
        new GenericModelWriter((AbstractModel) maxent, new DataOutputStream(modelBytes));
    writer.persist();
    writer.close();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT);
      out.writeInt(props.size());
      for (Map.Entry<String, String> e : props.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
      byte[] yaml = catalogue.yaml().getBytes(StandardCharsets.UTF_8);
      out.writeInt(yaml.length);
      out.write(yaml);
      byte[] m = modelBytes.toByteArray();
      out.writeInt(m.length);
      out.write(m);
    }
    return buf.toByteArray();
  }

  /**
   * Reads a model from its bytes.
   *
   * @throws IOException with a short reason (no file name; the caller adds it)
   */
  public static ModelData read(byte[] b) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      String magic;
      try {
        magic = in.readUTF();
      } catch (IOException | RuntimeException e) {
        throw new IOException("not a Vigil extremism model");
      }
      if (!MAGIC.equals(magic)) {
        throw new IOException("not a Vigil extremism model");
      }
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IOException("unsupported model format " + format + " (expected " + FORMAT + ")");
      }
      int n = in.readInt();
      if (n < 0 || n > 10_000) {
        throw new IOException("corrupt model (bad property count)");
      }
      SortedMap<String, String> props = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        props.put(in.readUTF(), in.readUTF());
      }
      String yaml = new String(block(in), StandardCharsets.UTF_8);
      IndicatorCatalogue catalogue;
      try {
        catalogue = IndicatorCatalogue.parse(yaml, "embedded indicator catalogue");
      } catch (IllegalArgumentException e) {
        throw new IOException("corrupt model (" + e.getMessage() + ")");
      }
      byte[] m = block(in);
      AbstractModel maxent;
      try {
        maxent =
            new GenericModelReader(
                    new BinaryFileDataReader(new DataInputStream(new ByteArrayInputStream(m))))
                .getModel();
      } catch (IOException | RuntimeException e) {
        throw new IOException("corrupt model (maxent parameters unreadable)");
      }
      return new ModelData(maxent, catalogue, props, b.clone());
    } catch (EOFException e) {
      throw new IOException("truncated or corrupt model");
    }
  }

  private static byte[] block(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > in.available()) {
      throw new IOException("truncated or corrupt model");
    }
    return in.readNBytes(len);
  }

  public static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
