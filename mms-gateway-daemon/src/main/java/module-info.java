/**
 * MMSKit gateway daemon: {@code mmskit gateway}, one process with an HTTP API to send, webhooks to
 * receive, a status page and metrics, built from the library's listeners, clients and {@code
 * MmsGateway}. The only API is {@link org.mmskit.gateway.daemon.GatewayDaemon}.
 */
module org.mmskit.gateway.daemon {
  requires org.mmskit.core;
  requires org.mmskit.server;
  requires org.mmskit.gateway;
  requires org.mmskit.mm7;
  requires org.mmskit.eaif;
  requires org.mmskit.mm4;
  requires org.mmskit.mm1;
  requires org.mmskit.testkit;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires jakarta.mail;
  requires jakarta.activation;
  requires micrometer.core;
  requires micrometer.registry.prometheus;
  requires com.zaxxer.hikari;
  requires org.postgresql.jdbc;
  requires java.net.http;
  requires java.sql;
  requires org.slf4j;

  exports org.mmskit.gateway.daemon;
}
