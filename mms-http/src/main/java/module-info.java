/**
 * MMSKit HTTP: the HTTP client layer (HttpClient 5 classic) under the MM7, EAIF and MM1 clients. It
 * has no public API: its one package is open to the transport modules only.
 */
module org.mmskit.http {
  requires transitive org.mmskit.core;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.slf4j;

  exports org.mmskit.http.internal to
      org.mmskit.mm7,
      org.mmskit.eaif,
      org.mmskit.mm1;
}
