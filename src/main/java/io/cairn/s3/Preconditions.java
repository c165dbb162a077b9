package io.cairn.s3;

import io.cairn.objects.EntityTags;
import io.cairn.objects.ObjectError;
import io.cairn.objects.WriteCondition;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Conditional request headers against an object's ETag and Last-Modified, in S3's order: If-Match,
 * then If-Unmodified-Since (only without If-Match) fail with 412; If-None-Match, then
 * If-Modified-Since (only without If-None-Match) answer 304 on GET/HEAD. HTTP dates compare at
 * second precision; unparseable dates are ignored, as S3 does.
 */
public final class Preconditions {
  private Preconditions() {}

  /** The outcome of evaluating the conditions. */
  public enum Outcome { PROCEED, NOT_MODIFIED, FAILED }

  public static Outcome evaluate(String ifMatch, String ifNoneMatch, String ifModifiedSince,
      String ifUnmodifiedSince, String etag, Instant lastModified) {
    Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    if (ifMatch != null) {
      if (!EntityTags.match(ifMatch, etag)) {
        return Outcome.FAILED;
      }
    } else if (ifUnmodifiedSince != null) {
      Instant t = parseDate(ifUnmodifiedSince);
      if (t != null && modified.isAfter(t)) {
        return Outcome.FAILED;
      }
    }
    if (ifNoneMatch != null) {
      if (EntityTags.match(ifNoneMatch, etag)) {
        return Outcome.NOT_MODIFIED;
      }
    } else if (ifModifiedSince != null) {
      Instant t = parseDate(ifModifiedSince);
      if (t != null && !modified.isAfter(t)) {
        return Outcome.NOT_MODIFIED;
      }
    }
    return Outcome.PROCEED;
  }

  /** The x-amz-copy-source-if-* conditions: any failure is PreconditionFailed. */
  public static void checkCopySource(S3Request request, String etag, Instant lastModified) {
    Outcome outcome = evaluate(request.header("x-amz-copy-source-if-match"),
        request.header("x-amz-copy-source-if-none-match"),
        request.header("x-amz-copy-source-if-modified-since"),
        request.header("x-amz-copy-source-if-unmodified-since"), etag, lastModified);
    if (outcome != Outcome.PROCEED) {
      throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
    }
  }

  /**
   * The condition of a conditional write (PutObject): If-Match needs an object (NoSuchKey without
   * one) whose ETag matches ({@code *}: any); If-None-Match fails on an object whose ETag matches
   * ({@code *}: any object).
   */
  public static WriteCondition writeCondition(S3Request request) {
    String ifMatch = request.header("If-Match");
    String ifNoneMatch = request.header("If-None-Match");
    if (ifMatch == null && ifNoneMatch == null) {
      return WriteCondition.NONE;
    }
    return current -> {
      if (ifMatch != null) {
        if (current.isEmpty()) {
          return ObjectError.NO_SUCH_KEY;
        }
        if (!EntityTags.match(ifMatch, current.get().etag())) {
          return ObjectError.PRECONDITION_FAILED;
        }
      }
      if (ifNoneMatch != null && current.isPresent()
          && EntityTags.match(ifNoneMatch, current.get().etag())) {
        return ObjectError.PRECONDITION_FAILED;
      }
      return null;
    };
  }

  static Instant parseDate(String value) {
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
