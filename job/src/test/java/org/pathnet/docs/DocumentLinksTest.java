package org.pathnet.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link and anchor in README.md and docs/*.md leads somewhere: sections move between README and docs/,
 * and a link left pointing at the old place fails here instead of on a reader.
 */
class DocumentLinksTest {
  /** Tests run in job/, so the project is one folder up (as SettingKeyTest finds README). */
  private static final Path PROJECT = Path.of("..");
  /** {@code [text](target)} and {@code ![alt](target)}, with an optional title after the target. */
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
  /** A scheme ({@code https:}, {@code mailto:}) makes a link external: not ours to check. */
  private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  @Test
  void everyRelativeLinkInReadmeAndDocsResolves() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(PROJECT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      broken.addAll(brokenLinks(document));
    }
    assertEquals(List.of(), broken, "links that lead nowhere");
  }

  @Test
  void aMissingFileAndAMissingAnchorAreReported(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("other.md"), "# Other page\n## Its part\n");
    Files.writeString(dir.resolve("page.md"), String.join("\n",
        "# Page",
        "## First part",
        "Fine: [here](#first-part), [there](other.md#its-part), [folder](.), [web](https://example.org/x.md#y).",
        "Broken: [gone](missing.md) and [nowhere](other.md#no-such-part).",
        "![a chart](charts/missing.png) and [self](#second-part).",
        "```",
        "[not a link in code](absent.md)",
        "# not a heading in code",
        "```",
        "Nor `[in a code span](absent.md)`."));
    assertEquals(List.of(
        "page.md:4: missing.md: no such file",
        "page.md:4: other.md#no-such-part: no heading makes this anchor",
        "page.md:5: charts/missing.png: no such file",
        "page.md:5: #second-part: no heading makes this anchor"),
        brokenLinks(dir.resolve("page.md")));
  }

  @Test
  void anchorsFollowGitHubsSlugRule() {
    assertEquals(List.of("data-flow-the-users-design-card", "settings-sparkpathnetkey", "tests", "tests-1",
        "tests-2", "g--1-and-g--16", "generations_per_round"),
        anchors(List.of("# Data flow (the user's design card)", "### Settings (`spark.pathnet.KEY`)", "## Tests",
            "## Tests", "## Tests", "## G = 1 and G > 16", "## generations_per_round")));
  }

  /** The links of {@code document} that lead nowhere, as {@code file:line: target: why}. */
  static List<String> brokenLinks(Path document) throws IOException {
    List<String> lines = prose(Files.readAllLines(document));
    List<String> broken = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher link = LINK.matcher(CODE_SPAN.matcher(lines.get(i)).replaceAll(""));
      while (link.find()) {
        String target = link.group(1);
        String why = EXTERNAL.matcher(target).find() ? null : whyBroken(document, target);
        if (why != null) {
          broken.add(document.getFileName() + ":" + (i + 1) + ": " + target + ": " + why);
        }
      }
    }
    return broken;
  }

  private static String whyBroken(Path document, String target) throws IOException {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    Path linked = file.isEmpty() ? document : document.resolveSibling(file).normalize();
    if (!Files.exists(linked)) {
      return "no such file";
    }
    // Only markdown files get heading anchors; GitHub's line anchors into code (#L10) are not checked.
    if (hash < 0 || !linked.toString().endsWith(".md")) {
      return null;
    }
    List<String> lines = prose(Files.readAllLines(linked));
    return anchors(lines).contains(target.substring(hash + 1)) ? null : "no heading makes this anchor";
  }

  /** The anchors GitHub gives the headings among {@code lines}, in order. */
  static List<String> anchors(List<String> lines) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> anchors = new ArrayList<>();
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int times = seen.merge(slug, 1, Integer::sum);
        anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
      }
    }
    return anchors;
  }

  /**
   * GitHub's rule: a link in a heading counts as its text; lower-case; drop every character but letters, digits,
   * spaces, hyphens and underscores; each space becomes a hyphen (so "G = 1" gives "g--1").
   */
  private static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  /** {@code lines} with fenced code blocks blanked (kept as empty lines, so line numbers stay true). */
  private static List<String> prose(List<String> lines) {
    List<String> prose = new ArrayList<>();
    boolean inCode = false;
    for (String line : lines) {
      boolean fence = FENCE.matcher(line).find();
      prose.add(inCode || fence ? "" : line);
      inCode ^= fence;
    }
    return prose;
  }
}
