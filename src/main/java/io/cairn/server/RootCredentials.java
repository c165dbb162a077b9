package io.cairn.server;

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
