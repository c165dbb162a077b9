package io.cairn.server.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Users in one JSON file (mode 0600: it holds secrets), rewritten whole on every change: write
 * a temporary file, fsync it, rename it over the old one, fsync the directory. The rename is the
 * commit point, so a crash leaves the old or the new file, never a torn one. Fine for the
 * hundreds of users a control plane has; the catalog's users table replaces it at scale.
 */
public final class FileUserDirectory implements UserDirectory {
    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {
    };

    /** The stored form; Instants as ISO-8601 text so the file is readable and needs no extra module. */
    private record Entry(String name, String accessKey, String secretKey, String created) {
        static Entry of(User u) {
            return new Entry(u.name(), u.accessKey(), u.secretKey(), u.created().toString());
        }

        User user() {
            return new User(name, accessKey, secretKey, Instant.parse(created));
        }
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final TreeMap<String, User> byName = new TreeMap<>();

    private FileUserDirectory(Path file) {
        this.file = file;
    }

    /** Opens the directory stored in {@code file}, which need not exist yet. */
    public static FileUserDirectory open(Path file) throws IOException {
        FileUserDirectory d = new FileUserDirectory(file);
        if (Files.exists(file)) {
            for (Entry e : d.json.readValue(file.toFile(), ENTRIES)) {
                d.byName.put(e.name(), e.user());
            }
        }
        return d;
    }

    @Override
    public synchronized Optional<User> byAccessKey(String accessKey) {
        return byName.values().stream().filter(u -> u.accessKey().equals(accessKey)).findFirst();
    }

    @Override
    public synchronized void create(User user) throws UserExistsException, IOException {
        if (byName.containsKey(user.name())) {
            throw new UserExistsException("a user named '" + user.name() + "' already exists");
        }
        if (byAccessKey(user.accessKey()).isPresent()) {
            throw new UserExistsException("the access key id is already in use");
        }
        List<User> next = new ArrayList<>(byName.values());
        next.add(user);
        write(next);
        byName.put(user.name(), user);
    }

    @Override
    public synchronized List<User> list() {
        return List.copyOf(byName.values());
    }

    @Override
    public synchronized void delete(String name) throws NoSuchUserException, IOException {
        if (!byName.containsKey(name)) {
            throw new NoSuchUserException(name);
        }
        List<User> next = new ArrayList<>(byName.values());
        next.removeIf(u -> u.name().equals(name));
        write(next);
        byName.remove(name);
    }

    private void write(List<User> users) throws IOException {
        users.sort(Comparator.comparing(User::name));
        byte[] bytes = json.writeValueAsBytes(users.stream().map(Entry::of).toList());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system under " + dir + " cannot rename atomically", e);
        }
        // The rename is durable only once the directory entry is on disk.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public void close() {
        // Every change is already durable; nothing is buffered.
    }
}
