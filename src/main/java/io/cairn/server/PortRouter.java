package io.cairn.server;

import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Sends each request to the handler of the connector (port) it arrived on. */
final class PortRouter extends Handler.AbstractContainer {
    private final Map<Connector, Handler> byConnector;

    PortRouter(Map<Connector, Handler> byConnector) {
        this.byConnector = Map.copyOf(byConnector);
        this.byConnector.values().forEach(this::addBean);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler h = byConnector.get(request.getConnectionMetaData().getConnector());
        return h != null && h.handle(request, response, callback);
    }

    /** Handlers below block (they read bodies as streams): Jetty must call them on a virtual thread. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    @Override
    public List<Handler> getHandlers() {
        return List.copyOf(byConnector.values());
    }
}
