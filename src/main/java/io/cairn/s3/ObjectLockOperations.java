package io.cairn.s3;

import io.cairn.catalog.VersionLock;
import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectLock;
import io.cairn.objects.ObjectService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * S3 Object Lock on the wire: the {@code ?object-lock} bucket sub-resource
 * (Put/GetObjectLockConfiguration), the {@code ?retention} and {@code ?legal-hold} object
 * sub-resources, the {@code x-amz-object-lock-*} headers of writes and of GET/HEAD responses, and
 * {@code x-amz-bypass-governance-retention}. The rules are {@link ObjectLock}'s.
 */
final class ObjectLockOperations {
  static final String MODE = "x-amz-object-lock-mode";
  static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
  static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";
  static final String BYPASS = "x-amz-bypass-governance-retention";
  static final String ENABLE_ON_CREATE = "x-amz-bucket-object-lock-enabled";

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ObjectLock lock;

  ObjectLockOperations(ObjectService objects) {
    this.lock = new ObjectLock(objects);
  }

  /** Answers the request if it is for one of the Object Lock sub-resources; false if not. */
  boolean handle(S3Exchange x) throws IOException {
    S3Request r = x.request();
    if (r.key() == null && r.hasParam("object-lock")) {
      switch (r.method()) {
        case "GET" -> getConfiguration(x);
        case "PUT" -> putConfiguration(x);
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      return true;
    }
    if (r.key() != null && r.hasParam("retention")) {
      switch (r.method()) {
        case "GET" -> getRetention(x);
        case "PUT" -> putRetention(x);
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      return true;
    }
    if (r.key() != null && r.hasParam("legal-hold")) {
      switch (r.method()) {
        case "GET" -> getLegalHold(x);
        case "PUT" -> putLegalHold(x);
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      return true;
    }
    return false;
  }

  /** CreateBucket's {@code x-amz-bucket-object-lock-enabled: true}, after the bucket is made. */
  void afterCreateBucket(S3Exchange x) throws IOException {
    String enable = x.request().header(ENABLE_ON_CREATE);
    if (enable != null && enable.strip().equalsIgnoreCase("true")) {
      lock.enableOnNewBucket(x.owner(), x.bucket());
    }
  }

  /**
   * What a PutObject, CopyObject or CreateMultipartUpload asks for its object, checked against
   * the bucket before anything is written, for the write to store with its version; null if it
   * asks nothing.
   */
  ObjectLock.Requested beforeWrite(S3Exchange x) throws IOException {
    ObjectLock.Requested requested = requested(x.request());
    lock.checkRequest(x.bucket(), requested);
    return requested;
  }

  /** Records what CreateMultipartUpload asked for, for CompleteMultipartUpload. */
  void afterCreateUpload(String uploadId, ObjectLock.Requested requested) throws IOException {
    lock.holdForUpload(uploadId, requested);
  }

  /**
   * The {@code x-amz-object-lock-*} headers of a GET or HEAD of {@code entry}: its lock as read
   * with it, in the same row (no second catalog read).
   */
  static void echo(S3Exchange x, ObjectEntry entry) {
    if (entry.deleteMarker() || entry.versionId() == null) {
      return;
    }
    VersionLock state = entry.lock();
    if (state.mode() != null) {
      x.header(MODE, state.mode());
      x.header(RETAIN_UNTIL, ISO_MILLIS.format(state.retainUntil()));
    }
    if (state.legalHold() != null) {
      x.header(LEGAL_HOLD, state.legalHold() ? "ON" : "OFF");
    }
  }

  /** Whether the request asks to bypass GOVERNANCE retention. */
  static boolean bypass(S3Request r) {
    String v = r.header(BYPASS);
    return v != null && v.strip().equalsIgnoreCase("true");
  }

  private void getConfiguration(S3Exchange x) throws IOException {
    ObjectLock.Configuration c = lock.configuration(x.owner(), x.bucket());
    XmlDocument doc = XmlDocument.of("ObjectLockConfiguration")
        .element("ObjectLockEnabled", "Enabled");
    if (c.rule() != null) {
      doc.start("Rule").start("DefaultRetention").element("Mode", c.rule().mode().name());
      if (c.rule().days() > 0) {
        doc.element("Days", c.rule().days());
      } else {
        doc.element("Years", c.rule().years());
      }
      doc.end().end();
    }
    x.replyXml(doc);
  }

  private void putConfiguration(S3Exchange x) throws IOException {
    Map<String, String> leaves = leaves(x, "ObjectLockConfiguration");
    if (!"Enabled".equals(leaves.get("ObjectLockEnabled"))) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "ObjectLockEnabled must be Enabled");
    }
    ObjectLock.DefaultRetention rule = null;
    String mode = leaves.get("Rule/DefaultRetention/Mode");
    String days = leaves.get("Rule/DefaultRetention/Days");
    String years = leaves.get("Rule/DefaultRetention/Years");
    boolean hasRule = leaves.keySet().stream().anyMatch(k -> k.startsWith("Rule"));
    if (hasRule) {
      if (mode == null || (days == null) == (years == null)) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML,
            "A default retention has a Mode and either Days or Years");
      }
      int d = period(days);
      int y = period(years);
      rule = new ObjectLock.DefaultRetention(mode(mode), d, y);
    }
    lock.setConfiguration(x.owner(), x.bucket(), new ObjectLock.Configuration(rule));
    x.replyEmpty(200);
  }

  private void getRetention(S3Exchange x) throws IOException {
    ObjectLock.Retention retention =
        lock.retention(x.owner(), x.bucket(), x.key(), x.request().param("versionId"));
    x.replyXml(XmlDocument.of("Retention")
        .element("Mode", retention.mode().name())
        .element("RetainUntilDate", ISO_MILLIS.format(retention.until())));
  }

  private void putRetention(S3Exchange x) throws IOException {
    Map<String, String> leaves = leaves(x, "Retention");
    String mode = leaves.get("Mode");
    String until = leaves.get("RetainUntilDate");
    if ((mode == null) != (until == null)) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A retention has a Mode and a date");
    }
    ObjectLock.Retention retention = mode == null ? null
        : new ObjectLock.Retention(mode(mode), date(until, S3ErrorCode.MALFORMED_XML));
    lock.setRetention(x.owner(), x.bucket(), x.key(), x.request().param("versionId"), retention,
        bypass(x.request()));
    x.replyEmpty(200);
  }

  private void getLegalHold(S3Exchange x) throws IOException {
    boolean on = lock.legalHold(x.owner(), x.bucket(), x.key(), x.request().param("versionId"));
    x.replyXml(XmlDocument.of("LegalHold").element("Status", on ? "ON" : "OFF"));
  }

  private void putLegalHold(S3Exchange x) throws IOException {
    String status = leaves(x, "LegalHold").get("Status");
    if (!"ON".equals(status) && !"OFF".equals(status)) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Status must be ON or OFF");
    }
    lock.setLegalHold(x.owner(), x.bucket(), x.key(), x.request().param("versionId"),
        status.equals("ON"));
    x.replyEmpty(200);
  }

  /** The lock headers of a write; null if it has none. */
  static ObjectLock.Requested requested(S3Request r) {
    String mode = r.header(MODE);
    String until = r.header(RETAIN_UNTIL);
    String hold = r.header(LEGAL_HOLD);
    if (mode == null && until == null && hold == null) {
      return null;
    }
    if ((mode == null) != (until == null)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "x-amz-object-lock-mode and"
          + " x-amz-object-lock-retain-until-date must both be supplied");
    }
    ObjectLock.Retention retention = null;
    if (mode != null) {
      ObjectLock.Mode m;
      try {
        m = ObjectLock.Mode.valueOf(mode.strip());
      } catch (IllegalArgumentException e) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown wormMode directive.");
      }
      retention = new ObjectLock.Retention(m, date(until, S3ErrorCode.INVALID_ARGUMENT));
    }
    Boolean legalHold = null;
    if (hold != null) {
      if (!hold.strip().equals("ON") && !hold.strip().equals("OFF")) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
            "Legal Hold must be either of 'ON' or 'OFF'");
      }
      legalHold = hold.strip().equals("ON");
    }
    return new ObjectLock.Requested(retention, legalHold);
  }

  private static Map<String, String> leaves(S3Exchange x, String root) throws IOException {
    Map<String, String> leaves = new HashMap<>();
    XmlBodies.parse(x.body(), root, (path, text) -> {
      if (leaves.put(path, text.strip()) != null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Repeated element " + path);
      }
    });
    return leaves;
  }

  private static ObjectLock.Mode mode(String text) {
    return switch (text) {
      case "GOVERNANCE" -> ObjectLock.Mode.GOVERNANCE;
      case "COMPLIANCE" -> ObjectLock.Mode.COMPLIANCE;
      default -> throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Unknown mode " + text);
    };
  }

  /** Days or Years: absent is 0; not a number is MalformedXML, not positive InvalidRetentionPeriod. */
  private static int period(String text) {
    if (text == null) {
      return 0;
    }
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Not a whole number: " + text);
    }
    if (value <= 0) {
      throw new S3Exception(S3ErrorCode.INVALID_RETENTION_PERIOD);
    }
    return value;
  }

  /** An ISO 8601 date-time (with an offset, or UTC when it has none). */
  private static Instant date(String text, S3ErrorCode invalid) {
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new S3Exception(invalid, "Invalid date " + text);
      }
    }
  }
}
