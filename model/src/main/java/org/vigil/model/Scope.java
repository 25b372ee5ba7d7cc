package org.vigil.model;

import java.util.List;

/**
 * Which URLs a source may fetch.
 *
 * @param hosts host names in scope (an entry {@code example.org} also admits its subdomains)
 * @param include regular expressions; when non-empty, a URL must match one of them
 * @param exclude regular expressions; a URL matching any of them is out of scope
 */
public record Scope(List<String> hosts, List<String> include, List<String> exclude) {
  public Scope {
    hosts = Checks.list(hosts);
    include = Checks.list(include);
    exclude = Checks.list(exclude);
  }
}
