package io.cairn.api;

import io.cairn.server.auth.Principal;
import java.io.IOException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One part of the REST API under {@code /api/v1} (users, volumes, ...). The control plane has
 * already authenticated the request and read its body; a route answers the paths it {@link
 * #serves} and reports failures as {@link ApiException}s.
 */
public interface ApiRoute {

  /** True for the paths (relative to {@code /api/v1}) this route answers. */
  boolean serves(String path);

  void handle(String method, String path, byte[] body, Principal principal, Response response, Callback callback)
      throws ApiException, IOException;

  /**
   * The same with the request's raw query string (null if none) and headers, which the control
   * plane calls; routes that read query parameters or headers override it.
   */
  default void handle(String method, String path, String query, org.eclipse.jetty.http.HttpFields headers,
      byte[] body, Principal principal, Response response, Callback callback) throws ApiException, IOException {
    handle(method, path, body, principal, response, callback);
  }
}
