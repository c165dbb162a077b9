package io.cairn.s3;

import io.cairn.catalog.Acl.GranteeType;
import io.cairn.catalog.Acl.Grant;
import io.cairn.catalog.Acl.Permission;
import io.cairn.objects.CannedAcl;
import io.cairn.objects.RequestedAcl;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The ACL an S3 request asks for: the canned {@code x-amz-acl}, the {@code x-amz-grant-*}
 * headers ({@code id="..."}, {@code uri="..."} lists), or an AccessControlPolicy body. Errors
 * are S3's: an unknown canned ACL or group, or a canned ACL mixed with grant headers, is
 * InvalidArgument/InvalidRequest; a body that is not XML MalformedXML; a policy that does not
 * follow the schema (no grantee, unknown permission or grantee type) MalformedACLError; an e-mail
 * grantee UnresolvableGrantByEmailAddress (Cairn users have no e-mail addresses).
 */
final class AclRequests {
  static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  static final String AUTHENTICATED_USERS =
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
  private static final Map<String, Permission> GRANT_HEADERS = Map.of(
      "x-amz-grant-read", Permission.READ,
      "x-amz-grant-write", Permission.WRITE,
      "x-amz-grant-read-acp", Permission.READ_ACP,
      "x-amz-grant-write-acp", Permission.WRITE_ACP,
      "x-amz-grant-full-control", Permission.FULL_CONTROL);
  private static final XMLInputFactory FACTORY = newFactory();

  private AclRequests() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    return f;
  }

  /** The ACL the request's headers ask for; {@link RequestedAcl#PRIVATE} when they name none. */
  static RequestedAcl fromHeaders(S3Request r) {
    RequestedAcl asked = fromHeadersOrNull(r);
    return asked == null ? RequestedAcl.PRIVATE : asked;
  }

  /** The ACL the request's headers ask for, or null when they name none. */
  static RequestedAcl fromHeadersOrNull(S3Request r) {
    String canned = r.header("x-amz-acl");
    List<Grant> grants = new ArrayList<>();
    boolean anyGrant = false;
    for (Map.Entry<String, Permission> h : GRANT_HEADERS.entrySet()) {
      for (String value : r.headers().getValuesList(h.getKey())) {
        anyGrant = true;
        grants.addAll(grantees(value, h.getValue()));
      }
    }
    if (canned != null && anyGrant) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "Specifying both Canned ACLs and Header Grants is not allowed");
    }
    if (canned != null) {
      return RequestedAcl.of(CannedAcl.of(canned).orElseThrow(() ->
          new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid canned ACL " + canned.strip())));
    }
    return anyGrant ? RequestedAcl.of(grants) : null;
  }

  /** {@code id="...", uri="..."}: a comma-separated list of grantees, values quoted or not. */
  private static List<Grant> grantees(String header, Permission permission) {
    List<Grant> out = new ArrayList<>();
    for (String item : splitOutsideQuotes(header)) {
      String t = item.strip();
      if (t.isEmpty()) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid grant " + t);
      }
      String type = t.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = t.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      switch (type) {
        case "id" -> out.add(new Grant(GranteeType.CANONICAL_USER, value, permission));
        case "uri" -> out.add(new Grant(group(value, S3ErrorCode.INVALID_ARGUMENT), null,
            permission));
        case "emailaddress" -> throw new S3Exception(
            S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
        default -> throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
            "Invalid grantee type " + type);
      }
    }
    return out;
  }

  private static List<String> splitOutsideQuotes(String s) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private static GranteeType group(String uri, S3ErrorCode error) {
    return switch (uri.strip()) {
      case ALL_USERS -> GranteeType.ALL_USERS;
      case AUTHENTICATED_USERS -> GranteeType.AUTHENTICATED_USERS;
      default -> throw new S3Exception(error, "Unsupported group " + uri.strip());
    };
  }

  /** The grants of an AccessControlPolicy document (the Owner element is not checked). */
  static RequestedAcl fromPolicy(byte[] body) {
    if (body.length == 0) {
      throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
    }
    List<Grant> grants = new ArrayList<>();
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
      List<String> stack = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      String granteeType = null;
      String id = null;
      String uri = null;
      String permission = null;
      boolean sawList = false;
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            String name = local(r.getLocalName());
            if (stack.isEmpty() && !name.equals("AccessControlPolicy")) {
              throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
            }
            stack.add(name);
            text.setLength(0);
            String path = String.join("/", stack);
            if (path.equals("AccessControlPolicy/AccessControlList")) {
              sawList = true;
            } else if (path.equals("AccessControlPolicy/AccessControlList/Grant")) {
              granteeType = null;
              id = null;
              uri = null;
              permission = null;
            } else if (path.equals("AccessControlPolicy/AccessControlList/Grant/Grantee")) {
              for (int i = 0; i < r.getAttributeCount(); i++) {
                if (local(r.getAttributeLocalName(i)).equals("type")) {
                  granteeType = r.getAttributeValue(i).strip();
                }
              }
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA ->
              text.append(r.getText());
          case XMLStreamConstants.END_ELEMENT -> {
            String path = String.join("/", stack);
            String value = text.toString().strip();
            switch (path) {
              case "AccessControlPolicy/AccessControlList/Grant/Grantee/ID" -> id = value;
              case "AccessControlPolicy/AccessControlList/Grant/Grantee/URI" -> uri = value;
              case "AccessControlPolicy/AccessControlList/Grant/Grantee/EmailAddress" ->
                  throw new S3Exception(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
              case "AccessControlPolicy/AccessControlList/Grant/Permission" -> permission = value;
              case "AccessControlPolicy/AccessControlList/Grant" ->
                  grants.add(grant(granteeType, id, uri, permission));
              default -> { }
            }
            stack.remove(stack.size() - 1);
            text.setLength(0);
          }
          default -> { }
        }
      }
      if (!sawList) {
        throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
      }
    } catch (XMLStreamException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    return RequestedAcl.of(grants);
  }

  private static Grant grant(String type, String id, String uri, String permission) {
    Permission p;
    try {
      p = Permission.valueOf(permission == null ? "" : permission);
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
    }
    String t = type != null ? type : id != null ? "CanonicalUser" : uri != null ? "Group" : "";
    return switch (t) {
      case "CanonicalUser" -> {
        if (id == null || id.isEmpty()) {
          throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        yield new Grant(GranteeType.CANONICAL_USER, id, p);
      }
      case "Group" -> {
        if (uri == null) {
          throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        yield new Grant(group(uri, S3ErrorCode.MALFORMED_ACL_ERROR), null, p);
      }
      case "AmazonCustomerByEmail" ->
          throw new S3Exception(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
      default -> throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
    };
  }

  private static String local(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }
}
