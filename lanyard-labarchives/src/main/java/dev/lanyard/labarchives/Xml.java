package dev.lanyard.labarchives;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * LabArchives' XML answers, parsed by the JDK with everything that reaches outside the document
 * turned off: no DOCTYPE at all (so no entity expansion, internal or external), no external DTDs or
 * schemas, no XInclude. An answer with a DOCTYPE is refused, not read.
 */
final class Xml {
  private Xml() {}

  /** Parses one document; {@link Invalid} when it is not well-formed or has a DOCTYPE. */
  static Document parse(byte[] bytes) throws Invalid {
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
          });
      builder.setErrorHandler(QUIET);
      return builder.parse(new InputSource(new ByteArrayInputStream(bytes)));
    } catch (SAXException | IOException e) {
      throw new Invalid();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("this JVM's XML parser cannot be made safe", e);
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    f.setValidating(false);
    return f;
  }

  /** The first child element named {@code name} (children only, not deeper). */
  static Optional<Element> child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Every child element named {@code name}, in order. */
  static List<Element> children(Element parent, String name) {
    List<Element> all = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        all.add(e);
      }
    }
    return all;
  }

  /** The trimmed text of the child named {@code name}; empty when absent or blank. */
  static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
  }

  /** Parse errors are exceptions, never lines on standard error. */
  private static final ErrorHandler QUIET =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  /** Not a document this parser accepts; says nothing of the content. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid() {
      super("not a well-formed XML document without DOCTYPE", null, false, false);
    }
  }
}
