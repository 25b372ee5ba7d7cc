package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;

/**
 * TLS with a custom CA: an HTTPS proxy on 127.0.0.1 with a certificate made by the JDK's keytool
 * terminates TLS in front of the real test cluster.
 */
@ExtendWith(ElasticsearchExtension.class)
class TlsTest {
  @TempDir Path dir;

  private void keytool(String... args) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> command = new java.util.ArrayList<>(List.of(keytool));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void connectsThroughTlsTrustingOnlyTheGivenCaCertificate(TestElasticsearch es) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path pem = dir.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "es",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "san=ip:127.0.0.1",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    // The self-signed certificate is its own CA: export it as PEM (saves a second keytool run).
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(ks.getCertificate("es").getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);

    String prefix = EsAdmin.uniquePrefix();
    try (FaultProxy https = new FaultProxy(es.url(), server)) {
      assertThat(https.url()).startsWith("https://");
      EsSettings trusted = EsSettings.of(https.url()).withCaCert(pem);
      try (VigilIndex index = VigilIndex.connect(trusted, prefix)) {
        index.setup();
        assertThat(index.count(SearchQuery.all())).isZero();
      }
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(https.url()), prefix))
          .isInstanceOf(IndexerException.class)
          .hasMessageStartingWith("cannot reach Elasticsearch at " + https.url() + ": ");
    } finally {
      new EsAdmin(es.url()).drop(prefix);
    }

    Path garbage = Files.writeString(dir.resolve("bad.pem"), "not a certificate\n");
    assertThatThrownBy(
            () -> VigilIndex.connect(EsSettings.of("https://127.0.0.1:1").withCaCert(garbage)))
        .isInstanceOf(IndexerException.class)
        .hasMessageStartingWith(garbage + ": ");
    assertThatThrownBy(
            () ->
                VigilIndex.connect(
                    EsSettings.of("https://127.0.0.1:1").withCaCert(dir.resolve("missing.pem"))))
        .isInstanceOf(IndexerException.class)
        .hasMessageContaining("missing.pem");
  }
}
