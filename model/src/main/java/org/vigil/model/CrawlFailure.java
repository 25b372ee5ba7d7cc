package org.vigil.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A failure recorded as data: which URL, at which pipeline stage, and why. One bad page never stops
 * a crawl; it becomes one of these.
 *
 * @param url the URL concerned
 * @param stage where it failed, e.g. {@code fetch}, {@code robots}, {@code limit}, {@code extract},
 *     {@code classify}, {@code index}
 * @param cause a short machine-friendly cause, e.g. {@code http-500}, {@code timeout}, {@code
 *     too-large}, {@code private-address}
 * @param detail a one-line human-readable explanation, possibly empty
 * @param at when it happened
 */
public record CrawlFailure(String url, String stage, String cause, String detail, Instant at) {
  public CrawlFailure {
    Checks.notBlank(url, "url");
    Checks.notBlank(stage, "stage");
    Checks.notBlank(cause, "cause");
    detail = Checks.orEmpty(detail);
    Objects.requireNonNull(at, "at");
  }
}
