/**
 * The inbound HTTP listener shared by the MM7 and EAIF transports.
 *
 * <p>{@link org.mmskit.server.InboundHandler} is the handler SPI, usable on its own (for example
 * behind a servlet); {@link org.mmskit.server.MmsServer} is the embedded server that routes
 * requests by path prefix to handlers, after authentication ({@link org.mmskit.server.Account},
 * {@link org.mmskit.server.CredentialSource}) and IP allow-lists ({@link
 * org.mmskit.server.CidrRange}).
 *
 * <p>Values are non-null unless typed {@code Optional}; each type documents its thread-safety.
 */
package org.mmskit.server;
