package io.cairn.s3;

import io.cairn.objects.CompletedPart;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses the XML request bodies S3 defines (CompleteMultipartUpload, Delete,
 * CreateBucketConfiguration, VersioningConfiguration, Tagging) with StAX, ignoring namespaces. DTDs and external entities are off:
 * request bodies come from the network. Anything not well-formed is MalformedXML.
 */
public final class XmlBodies {
  /** The largest XML body accepted (a Delete of 1000 long keys fits well). */
  public static final int MAX_BYTES = 2 << 20;
  private static final XMLInputFactory FACTORY = newFactory();

  private XmlBodies() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    return f;
  }

  /** A Delete (DeleteObjects) request: the objects and whether the reply lists only errors. */
  public record DeleteRequest(List<ObjectToDelete> objects, boolean quiet) {
    /** The keys named, in request order. */
    public List<String> keys() {
      return objects.stream().map(ObjectToDelete::key).toList();
    }
  }

  /** One object of a Delete request: a key, and the version to delete (null: none named). */
  public record ObjectToDelete(String key, String versionId) {}

  /** A VersioningConfiguration: {@code Status} and {@code MfaDelete}, null when absent. */
  public record VersioningConfiguration(String status, String mfaDelete) {}

  public static List<CompletedPart> completeMultipartUpload(InputStream body) throws IOException {
    List<CompletedPart> parts = new ArrayList<>();
    String[] current = new String[3];
    parse(body, "CompleteMultipartUpload", (path, text) -> {
      switch (path) {
        case "Part/PartNumber" -> current[0] = text.strip();
        case "Part/ETag" -> current[1] = text.strip();
        case "Part/ChecksumCRC32", "Part/ChecksumCRC32C", "Part/ChecksumCRC64NVME",
            "Part/ChecksumSHA1", "Part/ChecksumSHA256" -> current[2] = text.strip();
        case "Part" -> {
          if (current[0] == null || current[1] == null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
          }
          try {
            parts.add(new CompletedPart(Integer.parseInt(current[0]), current[1], current[2]));
          } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
          }
          current[0] = null;
          current[1] = null;
          current[2] = null;
        }
        default -> { }
      }
    });
    return parts;
  }

  public static DeleteRequest delete(InputStream body) throws IOException {
    List<ObjectToDelete> objects = new ArrayList<>();
    boolean[] quiet = new boolean[1];
    String[] current = new String[2];
    parse(body, "Delete", (path, text) -> {
      switch (path) {
        case "Object/Key" -> current[0] = text;
        case "Object/VersionId" -> current[1] = text.strip();
        case "Object" -> {
          if (current[0] == null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
          }
          objects.add(new ObjectToDelete(current[0], current[1]));
          current[0] = null;
          current[1] = null;
        }
        case "Quiet" -> quiet[0] = text.strip().equalsIgnoreCase("true");
        default -> { }
      }
    });
    return new DeleteRequest(objects, quiet[0]);
  }

  public static VersioningConfiguration versioningConfiguration(InputStream body)
      throws IOException {
    String[] found = new String[2];
    parse(body, "VersioningConfiguration", (path, text) -> {
      switch (path) {
        case "Status" -> found[0] = text.strip();
        case "MfaDelete", "MFADelete" -> found[1] = text.strip();
        default -> { }
      }
    });
    return new VersioningConfiguration(found[0], found[1]);
  }

  /**
   * A Tagging document ({@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...}): the tags in
   * document order. MalformedXML without a TagSet or for a Tag without Key or Value; InvalidTag
   * for a key given twice.
   */
  public static java.util.Map<String, String> tagging(InputStream body) throws IOException {
    java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
    String[] current = new String[2];
    boolean[] tagSet = new boolean[1];
    parse(body, "Tagging", (path, text) -> {
      switch (path) {
        case "TagSet" -> tagSet[0] = true;
        case "TagSet/Tag/Key" -> current[0] = text;
        case "TagSet/Tag/Value" -> current[1] = text;
        case "TagSet/Tag" -> {
          if (current[0] == null || current[1] == null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
          }
          if (tags.put(current[0], current[1]) != null) {
            throw new S3Exception(S3ErrorCode.INVALID_TAG,
                "Cannot provide multiple Tags with the same key");
          }
          current[0] = null;
          current[1] = null;
        }
        default -> { }
      }
    });
    if (!tagSet[0]) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    return tags;
  }

  /** Checks a CreateBucketConfiguration is well-formed; Cairn is one region, so it is ignored. */
  public static void createBucketConfiguration(InputStream body) throws IOException {
    parse(body, "CreateBucketConfiguration", (path, text) -> { });
  }

  interface LeafVisitor {
    void leaf(String path, String text);
  }

  /** Visits text-only elements by their path below the root, e.g. {@code Part/ETag}. */
  static void parse(InputStream body, String root, LeafVisitor visitor)
      throws IOException {
    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "XML body too large");
    }
    if (bytes.length == 0) {
      if (root.equals("CreateBucketConfiguration")) {
        return;
      }
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new java.io.ByteArrayInputStream(bytes));
      List<String> stack = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            String name = localName(r.getLocalName());
            if (stack.isEmpty() && !name.equals(root)) {
              throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
            stack.add(name);
            text.setLength(0);
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA ->
              text.append(r.getText());
          case XMLStreamConstants.END_ELEMENT -> {
            if (stack.size() > 1) {
              visitor.leaf(String.join("/", stack.subList(1, stack.size())), text.toString());
            }
            stack.remove(stack.size() - 1);
            text.setLength(0);
          }
          default -> { }
        }
      }
    } catch (XMLStreamException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
  }

  private static String localName(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }
}
