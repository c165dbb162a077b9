package io.cairn.server.auth;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The users other than root and their access keys (one key pair per user).
 *
 * <p>Contract for every implementation: thread safe; {@link #create} and {@link #delete} are
 * atomic and durable when they return (a crash afterwards never loses them, a crash during them
 * leaves the directory as before or after, never in between); names and access key ids are
 * unique; lookups see every change that has returned.
 */
public interface UserDirectory extends AutoCloseable {

    /** The user owning {@code accessKey}, or empty. */
    Optional<User> byAccessKey(String accessKey) throws IOException;

    /**
     * Stores {@code user}.
     *
     * @throws UserExistsException if its name or access key id is already taken
     */
    void create(User user) throws UserExistsException, IOException;

    /** Every user, ordered by name. */
    List<User> list() throws IOException;

    /**
     * Deletes the user and its key; requests signed with the key fail from then on.
     *
     * @throws NoSuchUserException if there is no such user
     */
    void delete(String name) throws NoSuchUserException, IOException;

    @Override
    void close() throws IOException;
}
