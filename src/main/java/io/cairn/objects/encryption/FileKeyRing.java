package io.cairn.objects.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@link KeyRing} in two files: the <b>master key</b> (32 random bytes, base64, mode 0600; made
 * on first start when missing) and the <b>ring</b> (JSON: each named key's 256-bit material
 * wrapped under the master key with AES-GCM, its id bound as additional data). The ring file alone
 * reveals no key; whoever holds both files (and the log segments) can read every SSE-S3 and
 * SSE-KMS object, so the master key belongs elsewhere than the data: another disk, a mounted
 * secret, a hardware token's export (setting {@code master-key-file}).
 *
 * <p>Keys are loaded at open and kept in memory; {@link #create} rewrites the ring file
 * atomically (temporary file, fsync, rename, fsync of the directory). One process per ring file.
 */
public final class FileKeyRing implements KeyRing {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.:+=@-]{0,255}");

  private final byte[] master;
  private final Path ringFile;
  private final SecureRandom random;
  private final Map<String, byte[]> wrapped = new HashMap<>();

  private FileKeyRing(byte[] master, Path ringFile, SecureRandom random) {
    this.master = master;
    this.ringFile = ringFile;
    this.random = random;
  }

  /**
   * Opens the ring, creating the master key file (and the ring file) when missing.
   *
   * @throws IOException if the master key file holds no 256-bit key, or the ring does not open
   *     under it (another master key)
   */
  public static FileKeyRing open(Path masterKeyFile, Path ringFile, SecureRandom random)
      throws IOException {
    FileKeyRing ring = new FileKeyRing(masterKey(masterKeyFile, random), ringFile, random);
    if (Files.exists(ringFile)) {
      JsonNode keys = JSON.readTree(Files.readString(ringFile)).path("keys");
      for (var it = keys.fields(); it.hasNext(); ) {
        var e = it.next();
        byte[] w = Base64.getDecoder().decode(e.getValue().path("material").asText());
        if (KeyWrap.unwrap(ring.master, w, context(e.getKey())) == null) {
          throw new IOException("key ring " + ringFile + " does not open with the master key in "
              + masterKeyFile + " (key " + e.getKey() + ")");
        }
        ring.wrapped.put(e.getKey(), w);
      }
    }
    return ring;
  }

  private static byte[] masterKey(Path file, SecureRandom random) throws IOException {
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      Files.createDirectories(file.toAbsolutePath().getParent());
      writeSynced(file, (Base64.getEncoder().encodeToString(key) + "\n")
          .getBytes(StandardCharsets.US_ASCII));
      return key;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      throw new IOException("master key file " + file + " does not hold a base64 256-bit key");
    }
    return key;
  }

  @Override
  public synchronized void create(String keyId) throws IOException {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("a key id is 1 to 256 letters, digits or /_.:+=@-");
    }
    if (wrapped.containsKey(keyId)) {
      throw new KeyExistsException(keyId);
    }
    byte[] material = new byte[32];
    random.nextBytes(material);
    Map<String, byte[]> next = new HashMap<>(wrapped);
    next.put(keyId, KeyWrap.wrap(master, material, context(keyId), random));
    save(next);
    wrapped.put(keyId, next.get(keyId));
  }

  @Override
  public synchronized List<String> keyIds() {
    List<String> ids = new ArrayList<>(wrapped.keySet());
    ids.remove(S3_KEY);
    ids.sort(null);
    return ids;
  }

  @Override
  public synchronized boolean contains(String keyId) {
    return !S3_KEY.equals(keyId) && wrapped.containsKey(keyId);
  }

  @Override
  public byte[] wrap(String keyId, byte[] dataKey, byte[] context) throws IOException {
    return KeyWrap.wrap(material(keyId), dataKey, context, random);
  }

  @Override
  public byte[] unwrap(String keyId, byte[] w, byte[] context) throws IOException {
    byte[] key = KeyWrap.unwrap(material(keyId), w, context);
    if (key == null) {
      throw new IOException("the data key does not open under master key " + keyId);
    }
    return key;
  }

  private synchronized byte[] material(String keyId) throws IOException {
    byte[] w = wrapped.get(keyId);
    if (w == null && S3_KEY.equals(keyId)) {
      create(S3_KEY);
      w = wrapped.get(keyId);
    }
    if (w == null) {
      throw new UnknownKeyException(keyId);
    }
    byte[] key = KeyWrap.unwrap(master, w, context(keyId));
    if (key == null) {
      throw new IOException("key " + keyId + " does not open under the master key");
    }
    return key;
  }

  private static byte[] context(String keyId) {
    return ("cairn-key-ring:" + keyId).getBytes(StandardCharsets.UTF_8);
  }

  private void save(Map<String, byte[]> keys) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode node = root.putObject("keys");
    keys.keySet().stream().sorted().forEach(id -> node.putObject(id)
        .put("material", Base64.getEncoder().encodeToString(keys.get(id))));
    Files.createDirectories(ringFile.toAbsolutePath().getParent());
    Path tmp = ringFile.resolveSibling(ringFile.getFileName() + ".tmp");
    writeSynced(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    Files.move(tmp, ringFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel dir = FileChannel.open(ringFile.toAbsolutePath().getParent(),
        StandardOpenOption.READ)) {
      dir.force(true);
    } catch (FileSystemException e) {
      // Some file systems cannot open a directory for fsync; the rename is then as durable as
      // they make it.
    }
  }

  private static void writeSynced(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file); // no POSIX permissions: the key is as private as its directory
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }
}
