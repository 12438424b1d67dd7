package io.costlake.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FOCUS conformance rule model as the FinOps Foundation's validator publishes it ({@code
 * focus_validator_model-1.2.json}), loaded as data: each rule's requirement and condition are trees
 * of check functions that {@link RuleCompiler} turns into Spark expressions.
 */
public final class FocusRuleModel {
  private static final String BUNDLED = "/io/costlake/focus/focus_validator_model-1.2.json";

  /** One model rule. */
  public static final class Rule {
    final String id;
    final String function;
    final String reference;
    final String entityType;
    final String keyword;
    final String mustSatisfy;
    final boolean dynamic;
    final List<String> criteria;
    final JsonNode requirement;
    final JsonNode condition;

    /** What costlake corrected in the model's check, when it did. */
    final String correction;

    /** Why the rule cannot be checked on the data at all, when it cannot. */
    final String skipReason;

    Rule(String id, JsonNode node) {
      this.id = id;
      JsonNode criteria = node.path("ValidationCriteria");
      this.function = node.path("Function").asText();
      this.reference = node.path("Reference").asText();
      this.entityType = node.path("EntityType").asText();
      this.keyword = criteria.path("Keyword").asText();
      this.mustSatisfy = criteria.path("MustSatisfy").asText();
      this.dynamic = "Dynamic".equals(node.path("Type").asText());
      List<String> applicability = new ArrayList<>();
      node.path("ApplicabilityCriteria").forEach(c -> applicability.add(c.asText()));
      this.criteria = Collections.unmodifiableList(applicability);
      ModelCorrections.Correction fix = ModelCorrections.of(id);
      this.requirement =
          fix != null && fix.requirement != null ? fix.requirement : criteria.path("Requirement");
      this.condition =
          fix != null && fix.condition != null ? fix.condition : criteria.path("Condition");
      this.correction = fix == null ? null : fix.note;
      this.skipReason = fix == null ? null : fix.skipReason;
    }

    public String correction() {
      return correction;
    }

    public String id() {
      return id;
    }

    public String keyword() {
      return keyword;
    }

    public boolean isComposite() {
      return "Composite".equals(function);
    }

    /** The rules a composite's requirement names, in order. */
    public List<String> children() {
      List<String> children = new ArrayList<>();
      collect(requirement, children);
      return children;
    }

    private static void collect(JsonNode check, List<String> into) {
      if ("CheckModelRule".equals(check.path("CheckFunction").asText())) {
        into.add(check.path("ModelRuleId").asText());
      }
      check.path("Items").forEach(item -> collect(item, into));
    }

    boolean hasRequirement() {
      return requirement.isObject() && requirement.size() > 0;
    }

    boolean hasCondition() {
      return condition.isObject() && condition.size() > 0;
    }
  }

  private final String modelVersion;
  private final String focusVersion;
  private final Map<String, Rule> rules;

  private FocusRuleModel(JsonNode root) {
    this.modelVersion = root.path("Details").path("ModelVersion").asText();
    this.focusVersion = root.path("Details").path("FOCUSVersion").asText();
    Map<String, Rule> loaded = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("ModelRules").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      loaded.put(entry.getKey(), new Rule(entry.getKey(), entry.getValue()));
    }
    this.rules = Collections.unmodifiableMap(loaded);
  }

  /** The FOCUS 1.2 model bundled in the jar. */
  public static FocusRuleModel focus12() {
    try (InputStream in = FocusRuleModel.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled rule model " + BUNDLED);
      }
      return new FocusRuleModel(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String modelVersion() {
    return modelVersion;
  }

  public String focusVersion() {
    return focusVersion;
  }

  /** Every rule, in the model's order. */
  public Map<String, Rule> rules() {
    return rules;
  }
}
