package io.cairn.ec2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes EC2 Query API response documents (namespace of API version 2016-11-15). */
final class Ec2Xml {
  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
  private final XMLStreamWriter w;

  private Ec2Xml(String root, String requestId, boolean namespaced) {
    try {
      w = FACTORY.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement(root);
      if (namespaced) {
        w.writeDefaultNamespace(NAMESPACE);
        element("requestId", requestId);
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A {@code <ActionResponse xmlns=...><requestId>} document. */
  static Ec2Xml response(String action, String requestId) {
    return new Ec2Xml(action + "Response", requestId, true);
  }

  /** EC2's error document: {@code <Response><Errors><Error>...</Error></Errors><RequestID>}. */
  static byte[] error(String code, String message, String requestId) {
    Ec2Xml x = new Ec2Xml("Response", requestId, false);
    x.start("Errors").start("Error").element("Code", code).element("Message", message).end().end();
    x.element("RequestID", requestId);
    return x.finish();
  }

  Ec2Xml start(String name) {
    try {
      w.writeStartElement(name);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  Ec2Xml end() {
    try {
      w.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** An element with text; a null value writes an empty element, as EC2 does. */
  Ec2Xml element(String name, Object value) {
    try {
      w.writeStartElement(name);
      if (value != null) {
        w.writeCharacters(value instanceof Instant t ? timestamp(t) : value.toString());
      }
      w.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  Ec2Xml tagSet(Map<String, String> tags) {
    start("tagSet");
    tags.forEach((k, v) -> start("item").element("key", k).element("value", v).end());
    return end();
  }

  byte[] finish() {
    try {
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
