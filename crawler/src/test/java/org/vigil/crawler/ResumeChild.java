package org.vigil.crawler;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.vigil.model.CrawledPage;
import org.vigil.model.PageSink;
import org.vigil.model.Source;

/**
 * The crawl a {@link ResumeAfterKillTest} kills: run in a child JVM, it logs each accepted URL and,
 * after making the log durable, each checkpoint.
 */
public final class ResumeChild {
  private ResumeChild() {}

  /** Arguments: base URL, state dir, log file. */
  public static void main(String[] args) throws IOException {
    Source source = ResumeAfterKillTest.source(args[0]);
    SourcesConfig config = SourcesConfig.of(false, Crawls.UA, List.of(source));
    try (FileChannel log =
            FileChannel.open(
                Path.of(args[2]),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        Crawler crawler =
            Crawler.builder(config, source)
                .limits(Crawls.FAST)
                .checkpointInterval(250)
                .stateDir(Path.of(args[1]))
                .resolve(ResumeAfterKillTest.HOST, InetAddress.getLoopbackAddress())
                .sink(new LoggingSink(log))
                .build()) {
      crawler.run();
    }
  }

  /** Appends accepted URLs; a checkpoint fsyncs them and then appends a CHECKPOINT line. */
  record LoggingSink(FileChannel log) implements PageSink {
    @Override
    public synchronized void accept(CrawledPage page) throws IOException {
      log.write(ByteBuffer.wrap((page.url() + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized void checkpoint() throws IOException {
      log.force(true);
      log.write(ByteBuffer.wrap("CHECKPOINT\n".getBytes(StandardCharsets.UTF_8)));
      log.force(true);
    }
  }
}
