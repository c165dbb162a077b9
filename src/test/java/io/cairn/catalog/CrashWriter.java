package io.cairn.catalog;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Child process of {@link SqliteCatalogTest}'s crash test: writes objects from several threads
 * forever and prints each key once its put returned ("acknowledged"), until it is killed.
 */
public final class CrashWriter {
  public static void main(String[] args) throws Exception {
    Catalog catalog = Catalog.open(Path.of(args[0]), Clock.systemUTC(), new SecureRandom());
    if (catalog.buckets().find("crash").isEmpty()) {
      catalog.buckets().create("crash", "o", "us-east-1", null);
    }
    System.out.println("ready");
    System.out.flush();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      Thread.ofPlatform().start(() -> {
        try {
          for (long i = 0; ; i++) {
            String key = "t" + thread + "/" + i;
            catalog.objects().put("crash", ObjectDraft.of(key, i + 1, 4096, "e", "o"));
            synchronized (System.out) {
              System.out.println("ack " + key);
              System.out.flush();
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
        }
      });
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
