package io.cairn.medium;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Medium} that passes every call to another one: the base of test wrappers that watch or
 * time some calls (they override only those) and leave the rest alone.
 */
public abstract class ForwardingMedium implements Medium {
  protected final Medium delegate;

  protected ForwardingMedium(Medium delegate) {
    this.delegate = delegate;
  }

  @Override
  public AppendFile create(String name) throws IOException {
    return delegate.create(name);
  }

  @Override
  public ReadFile open(String name) throws IOException {
    return delegate.open(name);
  }

  @Override
  public long length(String name) throws IOException {
    return delegate.length(name);
  }

  @Override
  public boolean exists(String name) throws IOException {
    return delegate.exists(name);
  }

  @Override
  public void delete(String name) throws IOException {
    delegate.delete(name);
  }

  @Override
  public List<String> list() throws IOException {
    return delegate.list();
  }

  @Override
  public String uri() {
    return delegate.uri();
  }

  @Override
  public Optional<InPlace> inPlace() {
    return delegate.inPlace();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
