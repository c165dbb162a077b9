package io.cairn.s3;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An S3 XML response body being written (StAX, no object mapping on the hot path). Root elements
 * carry the S3 namespace except {@code Error}, as AWS sends them. Not thread safe; one per reply.
 */
public final class XmlDocument {
  public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
  /** S3's timestamp format in XML: ISO 8601 with milliseconds, always UTC. */
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
  private final XMLStreamWriter xml;

  private XmlDocument(String root, boolean namespaced) {
    try {
      xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement(root);
      if (namespaced) {
        xml.writeDefaultNamespace(NAMESPACE);
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A document whose root element is in the S3 namespace. */
  public static XmlDocument of(String root) {
    return new XmlDocument(root, true);
  }

  /** A document whose root has no namespace (the Error body). */
  public static XmlDocument plain(String root) {
    return new XmlDocument(root, false);
  }

  public XmlDocument start(String name) {
    try {
      xml.writeStartElement(name);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  public XmlDocument end() {
    try {
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /**
   * An {@code xsi:type} attribute on the element just started (ACL grantees: {@code
   * CanonicalUser}, {@code Group}).
   */
  public XmlDocument xsiType(String type) {
    try {
      xml.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
      xml.writeAttribute("xsi", "http://www.w3.org/2001/XMLSchema-instance", "type", type);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Character content of the current element. */
  public XmlDocument text(String text) {
    try {
      xml.writeCharacters(text);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** {@code <name>text</name>}; nothing if text is null. */
  public XmlDocument element(String name, String text) {
    if (text == null) {
      return this;
    }
    try {
      xml.writeStartElement(name);
      xml.writeCharacters(text);
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  public XmlDocument element(String name, long value) {
    return element(name, Long.toString(value));
  }

  public XmlDocument element(String name, boolean value) {
    return element(name, Boolean.toString(value));
  }

  public XmlDocument element(String name, Instant time) {
    return element(name, ISO_MILLIS.format(time));
  }

  /** Closes every open element and returns the UTF-8 bytes. */
  public byte[] finish() {
    try {
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
