/**
 * EAIF, Nokia's External Application Interface: MMS over plain HTTP POSTs whose body is a binary
 * MMS PDU, as spoken by Nokia MMSCs and by gateways that copy the interface (NowSMS, Mbuni).
 *
 * <h2>Sending</h2>
 *
 * <pre>{@code
 * try (EaifClient client = EaifClient.builder()
 *     .endpoint("http://mmsc.example:8080/eaif")
 *     .defaultSender(Address.shortCode("12345"))
 *     .credentials("account", "password")        // optional HTTP Basic
 *     .build()) {
 *   SubmitResult r = client.submit(message);     // r.messageId() from the MMSC
 * }
 * }</pre>
 *
 * <h2>Receiving</h2>
 *
 * <pre>{@code
 * // alone on a port
 * EaifListener eaif = EaifListener.builder(listener).port(8080).path("/eaif").open().start();
 * // or next to MM7 on the shared server
 * MmsServer.builder().port(8080)
 *     .route(EaifHandler.route("/eaif", listener).account("mmsc", secret).build())
 *     .route(mm7Route)
 *     .build().start();
 * }</pre>
 *
 * <p>Messages, delivery reports and read replies reach the same {@link org.mmskit.core.MmsListener}
 * callbacks as over MM7, with {@link org.mmskit.core.InboundContext#transport()} {@code EAIF}.
 *
 * <p>Everything here is non-null unless it returns {@link java.util.Optional}. Clients, handlers
 * and listeners are thread-safe; builders are not.
 */
package org.mmskit.eaif;
