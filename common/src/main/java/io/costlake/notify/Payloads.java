package io.costlake.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costlake.config.NotifyRoute;

/**
 * The JSON body of an alert in each route format: Slack's incoming webhooks ({@code text}), Teams'
 * workflow webhooks (a message with one Adaptive Card), or costlake's own fields.
 */
public final class Payloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  public static String body(NotifyRoute.Format format, Alert alert) {
    ObjectNode body = JSON.createObjectNode();
    switch (format) {
      case SLACK:
        body.put("text", "*" + alert.title() + "*\n" + alert.message());
        break;
      case TEAMS:
        body.put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode blocks = card.putArray("body");
        blocks
            .addObject()
            .put("type", "TextBlock")
            .put("text", alert.title())
            .put("weight", "Bolder")
            .put("wrap", true);
        blocks.addObject().put("type", "TextBlock").put("text", alert.message()).put("wrap", true);
        break;
      default:
        body.put("source", "costlake");
        body.put("alert_id", alert.id());
        body.put("alert_key", alert.key());
        body.put("kind", alert.kind());
        body.put("billing_period", alert.billingPeriod());
        body.put("owner", alert.owner());
        body.put("title", alert.title());
        body.put("message", alert.message());
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
