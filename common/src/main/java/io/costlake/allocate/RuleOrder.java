package io.costlake.allocate;

import io.costlake.config.AllocationRuleConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The order allocation rules run in: as written, except that a rule taking an owner runs after
 * every rule that lists that owner as a target (that is what makes cascades work whatever order
 * they are written in). Versions of one rule id must cover disjoint periods; a cascade that leads
 * back to where it started is a config error.
 */
public final class RuleOrder {
  private RuleOrder() {}

  public static List<AllocationRuleConfig> of(List<AllocationRuleConfig> rules) {
    Map<String, List<AllocationRuleConfig>> byId = new LinkedHashMap<>();
    for (AllocationRuleConfig rule : rules) {
      List<AllocationRuleConfig> versions = byId.computeIfAbsent(rule.id(), k -> new ArrayList<>());
      for (AllocationRuleConfig other : versions) {
        if (other.version() == rule.version()) {
          throw new IllegalArgumentException(
              "rule " + rule.id() + " has version " + rule.version() + " twice");
        }
        if (other.overlaps(rule)) {
          throw new IllegalArgumentException(
              "rule "
                  + rule.id()
                  + " versions "
                  + other.version()
                  + " and "
                  + rule.version()
                  + " both apply to some billing periods; give them from/to ranges that do not"
                  + " overlap");
        }
      }
      versions.add(rule);
    }
    List<String> ids = new ArrayList<>(byId.keySet());
    Map<String, List<String>> after = new LinkedHashMap<>(); // id -> ids that must run before it
    for (String id : ids) {
      List<String> before = new ArrayList<>();
      for (String other : ids) {
        if (!other.equals(id) && feeds(byId.get(other), byId.get(id))) {
          before.add(other);
        }
      }
      after.put(id, before);
    }
    List<String> ordered = new ArrayList<>();
    while (ordered.size() < ids.size()) {
      String next =
          ids.stream()
              .filter(id -> !ordered.contains(id) && ordered.containsAll(after.get(id)))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException(cycle(ids, ordered, after)));
      ordered.add(next);
    }
    List<AllocationRuleConfig> result = new ArrayList<>();
    for (String id : ordered) {
      byId.get(id).stream()
          .sorted(Comparator.comparingInt(AllocationRuleConfig::version))
          .forEach(result::add);
    }
    return List.copyOf(result);
  }

  /**
   * Whether some version of {@code producer} gives cost to an owner some version of consumer takes.
   */
  private static boolean feeds(
      List<AllocationRuleConfig> producer, List<AllocationRuleConfig> consumer) {
    return producer.stream()
        .flatMap(p -> p.receivers().stream())
        .anyMatch(owner -> consumer.stream().anyMatch(c -> c.select().owner().contains(owner)));
  }

  /** Names one cycle among the rules that could not be ordered. */
  private static String cycle(
      List<String> ids, List<String> ordered, Map<String, List<String>> after) {
    String start = ids.stream().filter(id -> !ordered.contains(id)).findFirst().orElseThrow();
    Deque<String> path = new ArrayDeque<>();
    String current = start;
    while (!path.contains(current)) {
      path.addLast(current);
      current =
          after.get(current).stream().filter(id -> !ordered.contains(id)).findFirst().orElseThrow();
    }
    List<String> loop = new ArrayList<>(path);
    loop = loop.subList(loop.indexOf(current), loop.size());
    List<String> forward = new ArrayList<>(loop);
    java.util.Collections.reverse(forward);
    forward.add(forward.get(0));
    return "allocation rules form a cycle: "
        + forward.stream().collect(Collectors.joining(" -> "))
        + " (each gives cost to an owner the next one takes)";
  }
}
