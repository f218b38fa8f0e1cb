package dev.lanyard.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```java} block of the README, lanyard-labarchives/README.md and docs/*.md compiles
 * against today's API, so the documentation cannot drift from the code. Each block becomes the body
 * of a method (or, when it declares a type, a member of a class) after a generous prelude of
 * imports; the names the prose assumes but the block does not declare become the method's
 * parameters (see {@link #CONTEXT}). A block the Markdown marks with {@code <!-- snippet: fragment
 * -->} just before it is not Java on its own and is skipped.
 *
 * <p>Pure compilation: no provider, no Keycloak, no network.
 */
class DocSnippetsTest {

  /** The Markdown files whose Java blocks must compile, relative to the repository root. */
  private static final List<String> FILES = List.of("README.md", "lanyard-labarchives/README.md");

  /** The directory whose every .md file's Java blocks must compile, relative to the root. */
  private static final String DOCS = "docs";

  private static final String FRAGMENT_MARK = "<!-- snippet: fragment -->";

  private static final List<String> IMPORTS =
      List.of(
          "java.io.*",
          "java.net.*",
          "java.net.http.*",
          "java.net.http.HttpResponse.BodyHandlers",
          "java.nio.file.*",
          "java.time.*",
          "java.util.*",
          "java.util.concurrent.*",
          "javax.net.ssl.*",
          "dev.lanyard.*",
          "dev.lanyard.client.*",
          "dev.lanyard.grant.*",
          "dev.lanyard.http.*",
          "dev.lanyard.transport.*",
          "dev.lanyard.provider.*",
          "dev.lanyard.session.*",
          "dev.lanyard.store.*",
          "dev.lanyard.verify.*",
          "dev.lanyard.login.*",
          "dev.lanyard.launch.*",
          "dev.lanyard.okhttp.*",
          "dev.lanyard.httpclient5.*",
          "dev.lanyard.labarchives.*",
          "dev.lanyard.redis.*",
          "dev.lanyard.profiles.*",
          "okhttp3.*",
          "org.apache.hc.client5.http.impl.classic.*",
          "jakarta.servlet.http.*");

  /**
   * What the docs assume is in scope: a variable of this name and type is passed to a snippet that
   * uses the name without declaring it. One line per variable, so a reader sees them all.
   */
  private static final Map<String, String> CONTEXT = new LinkedHashMap<>();

  static {
    CONTEXT.put("issuer", "URI"); // the provider's issuer URL
    CONTEXT.put("uri", "URI"); // an API endpoint
    CONTEXT.put("sharedDir", "Path"); // a directory several processes share
    CONTEXT.put("metadata", "ProviderMetadata"); // the provider's discovered metadata
    CONTEXT.put("iat", "String"); // an initial access token for client registration
    CONTEXT.put("session", "TokenSession"); // a session built as in the README
    CONTEXT.put("pw", "String"); // a Redis password
    CONTEXT.put("akid", "String"); // a LabArchives access key id
    CONTEXT.put("password", "String"); // a LabArchives access password
    CONTEXT.put("la", "LabArchives"); // LabArchives.fromEnvironment()
    CONTEXT.put("passwordToken", "String"); // a LabArchives password token
    CONTEXT.put("user", "LabArchivesUser"); // a signed-in LabArchives user
    CONTEXT.put("notebookId", "String"); // a LabArchives notebook id
    CONTEXT.put("email", "String"); // a person's e-mail address
    CONTEXT.put("transport", "Transport"); // Transport.defaults() or a configured one
    CONTEXT.put("client", "ClientAuthentication"); // how the client authenticates
    CONTEXT.put("tokens", "TokenSet"); // a session's current tokens
    CONTEXT.put("secret", "String"); // a client secret
    CONTEXT.put("metrics", "Metrics"); // the application's metrics (see METRICS below)
    CONTEXT.put("provider", "ProviderMetadata"); // the provider a web login talks to
    CONTEXT.put("redis", "RedisStore"); // RedisStore.builder(...).connect()
    CONTEXT.put("result", "LoginResult"); // the result of a completed login
    CONTEXT.put("identity", "Identity"); // the verified identity of a login
    CONTEXT.put("cookie", "String"); // a fresh random session cookie value
    CONTEXT.put("assertions", "java.util.Iterator<String>"); // a source of fresh signed assertions
  }

  /** The stand-in for an application's own metrics, which fleet.md counts failures with. */
  private static final String METRICS = "interface Metrics { void count(String name); }";

  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("^\\s*(public\\s+|final\\s+|abstract\\s+)*(class|interface|record|enum)\\s");

  static Stream<Named<Snippet>> snippets() throws IOException {
    return allSnippets().stream()
        .filter(s -> !s.fragment())
        .map(s -> Named.of(s.file() + ":" + s.line(), s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void compiles(Snippet snippet) {
    String source = source(snippet);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
    JavaFileManager inMemory = new DiscardingFileManager(files);
    JavaFileObject unit =
        new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    List<String> options =
        List.of("-proc:none", "-classpath", classPath(), "--release", "17", "-encoding", "UTF-8");
    boolean ok = javac.getTask(null, inMemory, diagnostics, options, null, List.of(unit)).call();
    String messages =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> describe(snippet, d))
            .collect(Collectors.joining("\n"));
    assertThat(ok)
        .as(
            "the ```java block at %s:%d does not compile:%n%s%n--- compiled as ---%n%s",
            snippet.file(), snippet.line(), messages, numbered(source))
        .isTrue();
  }

  @Test
  void findsTheDocumentedSnippets() throws IOException {
    List<Snippet> all = allSnippets();
    // README.md alone documents the quick start, login, registration and stores in Java.
    assertThat(all).filteredOn(s -> s.file().equals("README.md")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(all.stream().map(Snippet::file).distinct())
        .contains("lanyard-labarchives/README.md", "docs/fleet.md");
    // Fragments stay the exception.
    assertThat(all.stream().filter(Snippet::fragment).count()).isLessThanOrEqualTo(2);
  }

  /** One ```java block: the Markdown file, the line of its opening fence, its text. */
  record Snippet(String file, int line, String code, boolean fragment) {}

  static List<Snippet> allSnippets() throws IOException {
    Path root = repositoryRoot();
    List<String> names = new ArrayList<>(FILES);
    try (Stream<Path> docs = Files.list(root.resolve(DOCS))) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md"))
          .sorted()
          .forEach(p -> names.add(DOCS + "/" + p.getFileName()));
    }
    List<Snippet> snippets = new ArrayList<>();
    for (String name : names) {
      snippets.addAll(extract(name, Files.readAllLines(root.resolve(name))));
    }
    return snippets;
  }

  static List<Snippet> extract(String file, List<String> lines) {
    List<Snippet> snippets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int open = i;
      StringBuilder code = new StringBuilder();
      for (i = open + 1; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      boolean fragment = open > 0 && previousNonBlank(lines, open).equals(FRAGMENT_MARK);
      snippets.add(new Snippet(file, open + 1, code.toString(), fragment));
    }
    return snippets;
  }

  private static String previousNonBlank(List<String> lines, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "";
  }

  /** The compilation unit for a snippet: imports, then the snippet in a method or a class. */
  static String source(Snippet snippet) {
    StringBuilder source = new StringBuilder();
    for (String name : IMPORTS) {
      source.append("import ").append(name).append(";\n");
    }
    source.append("\nclass Snippet {\n  ").append(METRICS).append("\n\n");
    if (TYPE_DECLARATION.matcher(snippet.code()).find()) {
      source.append(snippet.code());
    } else {
      String parameters =
          CONTEXT.entrySet().stream()
              .filter(e -> assumes(snippet.code(), e.getKey()))
              .map(e -> e.getValue() + " " + e.getKey())
              .collect(Collectors.joining(", "));
      source.append("  void snippet(").append(parameters).append(") throws Exception {\n");
      source.append(snippet.code());
      source.append("  }\n");
    }
    return source.append("}\n").toString();
  }

  /** Whether the code uses {@code name} as a variable without declaring it. */
  static boolean assumes(String code, String name) {
    String n = Pattern.quote(name);
    boolean used = Pattern.compile("(?<![\\w.\"])" + n + "\\b(?!\\s*:)").matcher(code).find();
    boolean declared = Pattern.compile("[\\w>\\]]\\s+" + n + "\\s*[=;,)]").matcher(code).find();
    return used && !declared;
  }

  private static String describe(Snippet snippet, Diagnostic<? extends JavaFileObject> d) {
    return String.format(
        Locale.ROOT,
        "%s:%d (compiled line %d): %s",
        snippet.file(),
        snippet.line(),
        d.getLineNumber(),
        d.getMessage(Locale.ROOT));
  }

  private static String numbered(String source) {
    String[] lines = source.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null ? surefire : System.getProperty("java.class.path");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("lanyard-it"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root above the working directory").isNotNull();
    return dir;
  }

  /** Keeps the class files javac writes in memory and drops them: only the diagnostics matter. */
  private static final class DiscardingFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {
    DiscardingFileManager(StandardJavaFileManager files) {
      super(files);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public java.io.OutputStream openOutputStream() {
          return java.io.OutputStream.nullOutputStream();
        }
      };
    }
  }
}
