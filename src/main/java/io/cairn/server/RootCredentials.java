package io.cairn.server;

import io.cairn.catalog.AccessKey;
import io.cairn.catalog.Credential;
import io.cairn.catalog.User;
import io.cairn.catalog.Users;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The root user's key pair. From the environment ({@code CAIRN_ROOT_ACCESS_KEY} and
 * {@code CAIRN_ROOT_SECRET_KEY}, both or neither) when set; else from {@code DATA/root.credentials}
 * (mode 0600); else generated with {@link SecureRandom}, stored durably in that file, and printed
 * once to the given stream — never logged, never printed again. {@link #toString()} hides the secret.
 */
public record RootCredentials(String accessKey, String secretKey) {
    public static final String ACCESS_ENV = "CAIRN_ROOT_ACCESS_KEY";
    public static final String SECRET_ENV = "CAIRN_ROOT_SECRET_KEY";
    public static final String FILE_NAME = "root.credentials";
    public static final String ROOT_USER = "root";

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static RootCredentials resolve(Map<String, String> env, Path dataDir, SecureRandom random,
                                          PrintStream firstStartOutput) throws ConfigException, IOException {
        String ak = env.get(ACCESS_ENV);
        String sk = env.get(SECRET_ENV);
        if (ak != null || sk != null) {
            if (ak == null || sk == null || ak.isBlank() || sk.isBlank()) {
                throw new ConfigException(ACCESS_ENV + " and " + SECRET_ENV + " must be set together");
            }
            return new RootCredentials(ak, sk);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String fak = p.getProperty(ACCESS_ENV);
            String fsk = p.getProperty(SECRET_ENV);
            if (fak == null || fsk == null) {
                throw new ConfigException(file + " is damaged: it must hold " + ACCESS_ENV + " and " + SECRET_ENV);
            }
            return new RootCredentials(fak, fsk);
        }
        RootCredentials generated = new RootCredentials("CAIRN" + randomString(random, KEY_ALPHABET, 15),
                randomString(random, SECRET_ALPHABET, 40));
        generated.store(file);
        firstStartOutput.println("Root credentials, generated on first start and shown only this once "
                + "(also stored in " + file + ", readable only by you):");
        firstStartOutput.println("  export CAIRN_ACCESS_KEY=" + generated.accessKey);
        firstStartOutput.println("  export CAIRN_SECRET_KEY=" + generated.secretKey);
        firstStartOutput.flush();
        return generated;
    }

    /** A random access key id: 20 upper-case letters and digits, like AWS's. */
    public static String newAccessKey(SecureRandom random) {
        return "CAIRN" + randomString(random, KEY_ALPHABET, 15);
    }

    /** A random secret: 40 base64 characters (240 bits), like AWS's. */
    public static String newSecretKey(SecureRandom random) {
        return randomString(random, SECRET_ALPHABET, 40);
    }

    private static String randomString(SecureRandom random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /**
     * Makes the catalog's root user sign with exactly this key pair: creates root on first start,
     * adds the key when the environment brings a new one, and revokes every other root key, so
     * rotating CAIRN_ROOT_* and restarting retires the old pair.
     */
    public void installIn(Users users) throws IOException, ConfigException {
        Optional<User> root = users.find(ROOT_USER);
        if (root.isEmpty()) {
            users.create(ROOT_USER, true, accessKey, secretKey);
            return;
        }
        if (!root.get().root()) {
            throw new ConfigException("the catalog has a user named '" + ROOT_USER + "' that is not root");
        }
        Optional<Credential> current = users.findByAccessKey(accessKey);
        if (current.isPresent() && !current.get().user().name().equals(ROOT_USER)) {
            throw new ConfigException("the root access key id belongs to user '" + current.get().user().name() + "'");
        }
        if (current.isPresent() && !current.get().secretKey().equals(secretKey)) {
            users.deleteKey(accessKey);
            current = Optional.empty();
        }
        if (current.isEmpty()) {
            users.addKey(ROOT_USER, accessKey, secretKey);
        }
        for (AccessKey k : users.keys(ROOT_USER)) {
            if (!k.accessKey().equals(accessKey)) {
                users.deleteKey(k.accessKey());
            }
        }
    }

    private void store(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String text = "# Cairn root credentials. Keep this file secret.\n" + ACCESS_ENV + "=" + accessKey + "\n"
                + SECRET_ENV + "=" + secretKey + "\n";
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public String toString() {
        return "RootCredentials[accessKey=" + accessKey + "]";
    }
}
