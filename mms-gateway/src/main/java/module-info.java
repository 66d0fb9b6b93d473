/**
 * MMSKit gateway: durable, routed sending over any {@link org.mmskit.core.MmsClient}, with retries,
 * throttling and delivery-report tracking; an embedded SQLite store by default, PostgreSQL for
 * several instances. The API is {@link org.mmskit.gateway.MmsGateway}.
 */
module org.mmskit.gateway {
  requires transitive org.mmskit.core;
  requires transitive java.sql;
  requires com.fasterxml.jackson.core;
  requires org.xerial.sqlitejdbc;
  requires org.slf4j;

  exports org.mmskit.gateway;
  // the daemon keeps its webhook outbox the way the store keeps messages
  exports org.mmskit.gateway.internal.jdbc to
      org.mmskit.gateway.daemon;
}
