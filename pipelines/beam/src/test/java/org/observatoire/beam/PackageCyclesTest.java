package org.observatoire.beam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No cycles between the Java packages of the core and of the Beam module, read from the compiled classes (every
 * dependency ArchUnit sees: imports, calls, fields, signatures, annotations; not javadoc links). A cycle is a strongly
 * connected set of packages, each reaching every other one. Neither module has one.
 */
class PackageCyclesTest {
  private static final String CORE = "org.observatoire.core";
  private static final String BEAM = "org.observatoire.beam";

  /** The core's test classes, on this module's test class path as a test jar once the core is packaged. */
  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

  private static Map<String, Set<String>> graph;

  @BeforeAll
  static void importClasses() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.matches(TEST_JAR))
        .importPackages(CORE, BEAM);
    graph = new HashMap<>();
    for (JavaClass c : classes) {
      Set<String> targets = graph.computeIfAbsent(c.getPackageName(), p -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getBaseComponentType().getPackageName();
        if (target.startsWith("org.observatoire.") && !target.equals(c.getPackageName())) {
          targets.add(target);
        }
      }
    }
  }

  @Test
  void theClassesOfBothModulesAreRead() {
    assertThat(graph.keySet(), hasItem(BEAM + ".parquet"));
    assertThat(graph.keySet(), hasItem(CORE + ".ingest"));
  }

  @Test
  void beamHasNoPackageCycle() {
    assertThat(describe(cycles(BEAM)), is(empty()));
  }

  @Test
  void coreHasNoPackageCycle() {
    assertThat(describe(cycles(CORE)), is(empty()));
  }

  /** The strongly connected sets of more than one package under {@code root} (Tarjan's algorithm). */
  private static List<Set<String>> cycles(String root) {
    Tarjan t = new Tarjan(root);
    for (String p : new TreeSet<>(graph.keySet())) {
      if (p.startsWith(root) && !t.index.containsKey(p)) {
        t.visit(p);
      }
    }
    return t.components;
  }

  private static List<String> describe(List<Set<String>> cycles) {
    return cycles.stream().map(c -> c + ": " + edges(c)).toList();
  }

  private static Map<String, Set<String>> edges(Set<String> cycle) {
    Map<String, Set<String>> within = new TreeMap<>();
    for (String p : cycle) {
      Set<String> to = new TreeSet<>(graph.getOrDefault(p, Set.of()));
      to.retainAll(cycle);
      within.put(p, to);
    }
    return within;
  }

  private static final class Tarjan {
    final String root;
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final Deque<String> stack = new ArrayDeque<>();
    final Set<String> onStack = new HashSet<>();
    final List<Set<String>> components = new ArrayList<>();

    Tarjan(String root) {
      this.root = root;
    }

    void visit(String v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.push(v);
      onStack.add(v);
      for (String w : graph.getOrDefault(v, Set.of())) {
        if (!w.startsWith(root)) {
          continue;
        }
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new TreeSet<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        if (component.size() > 1) {
          components.add(component);
        }
      }
    }
  }
}
