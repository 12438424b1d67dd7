package io.costlake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No method of the shipped code (every module's {@code src/main/java}) is longer than a screen and
 * a half: a longer one mixes steps that want names of their own. Lines are counted by javac's own
 * parse, from the method's first line (annotations included) to its closing brace.
 */
class MethodSizeTest {
  private static final int MAX_LINES = 119;
  private static final List<Path> MODULES =
      List.of(Paths.get("../common"), Paths.get("../jobs"), Paths.get("../tools"));

  @Test
  void everyMainSourceMethodIsShorterThan120Lines() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (Path module : MODULES) {
      try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
        sources.addAll(
            files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList()));
      }
    }
    assertTrue(sources.size() >= 250, sources.size() + " sources found");
    List<String> tooLong = new ArrayList<>();
    int[] methods = {0};
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  files,
                  diagnostic -> {},
                  List.of("-proc:none"),
                  null,
                  files.getJavaFileObjectsFromPaths(sources));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        LineMap lines = unit.getLineMap();
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethod(MethodTree method, Void unused) {
            if (method.getBody() != null) {
              methods[0]++;
              long first = lines.getLineNumber(positions.getStartPosition(unit, method));
              long last = lines.getLineNumber(positions.getEndPosition(unit, method));
              if (last - first + 1 > MAX_LINES) {
                tooLong.add(
                    unit.getSourceFile().getName()
                        + ":"
                        + first
                        + " "
                        + method.getName()
                        + " has "
                        + (last - first + 1)
                        + " lines");
              }
            }
            return super.visitMethod(method, unused);
          }
        }.scan(unit, null);
      }
    }
    assertTrue(methods[0] >= 1500, methods[0] + " methods read");
    assertEquals(List.of(), tooLong);
  }
}
