package org.mmskit.server;

/**
 * Where a {@link Route} looks for an account's name and password.
 *
 * <p>Path credentials are removed from {@link InboundRequest#path()} before a handler or a {@link
 * RequestListener} sees it. Prefer {@link #BASIC} over TLS: a path ends up in access logs of
 * proxies on the way.
 */
public enum CredentialSource {
  /** HTTP Basic authentication: {@code Authorization: Basic base64(name:password)}. */
  BASIC,
  /** Two path segments after the route prefix: {@code /mm7/{account}/{password}[/more]}. */
  PATH_SEGMENTS,
  /** One path segment after the route prefix: {@code /eaif/{account}={password}[/more]}. */
  PATH_KEY_VALUE
}
