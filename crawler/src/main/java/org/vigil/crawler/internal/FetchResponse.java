package org.vigil.crawler.internal;

/**
 * One HTTP response as the crawler needs it.
 *
 * @param url the URL requested (normalised)
 * @param status HTTP status
 * @param contentType the Content-Type header, or {@code null}
 * @param mediaType the media type without parameters, lower case, or empty
 * @param etag the ETag header, or {@code null}
 * @param lastModified the Last-Modified header, or {@code null}
 * @param location the Location header, or {@code null}
 * @param retryAfter the Retry-After header, or {@code null}
 * @param body the decoded body (possibly truncated), empty when not read
 * @param truncated whether the body was cut at {@code max_bytes}
 */
public record FetchResponse(
    String url,
    int status,
    String contentType,
    String mediaType,
    String etag,
    String lastModified,
    String location,
    String retryAfter,
    byte[] body,
    boolean truncated) {}
