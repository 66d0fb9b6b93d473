package org.mmskit.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Helpers to build the server-side {@link SSLContext} given to {@link MmsServer.Builder#tls}. */
public final class ServerTls {
  private ServerTls() {}

  /**
   * Loads a PKCS#12 key store (certificate chain and private key) and returns a TLS context that
   * presents it.
   *
   * @param keyStore the {@code .p12} file
   * @param password the store password, also used for the key
   * @throws IllegalArgumentException when the file cannot be read or is not a usable key store
   */
  public static SSLContext fromPkcs12(Path keyStore, char[] password) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load PKCS#12 key store " + keyStore, e);
    }
  }
}
