package io.cairn.server;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The S3 port's handler while no S3 front end is mounted: every request gets S3's
 * {@code NotImplemented} error (501) in S3's XML error format, so clients fail clearly instead of
 * seeing a pretend success.
 */
final class S3Unavailable extends Handler.Abstract {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NotImplemented</Code>"
                + "<Message>This Cairn server has no S3 front end mounted</Message>"
                + "<Resource>" + escape(request.getHttpURI().getPath()) + "</Resource>"
                + "<RequestId>" + requestId + "</RequestId></Error>";
        response.setStatus(501);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
        response.getHeaders().put("x-amz-request-id", requestId);
        if (request.getMethod().equals("HEAD")) {
            callback.succeeded();
        } else {
            response.write(true, StandardCharsets.UTF_8.encode(xml), callback);
        }
        return true;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
