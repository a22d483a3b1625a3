package org.observatoire.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of one object being generated (the submission, or one item of a repeated block): what its fields
 * produced, by key, seen by later fields and by the items inside it. An item also knows its {@code index} and the
 * block's {@code count}.
 */
final class Scope {
  final Scope parent;
  /** "" for the submission, else the JSON Pointer of the block (from the submission) this item belongs to. */
  final String path;
  final ObjectNode node;
  final int index;
  final Block block;
  private final Map<String, JsonNode> values = new HashMap<>();

  /** A repeated block being filled: its size, the item a defect breaks, its draws without replacement. */
  static final class Block {
    final int count;
    final int broken;
    final Map<String, int[]> distinct = new HashMap<>();

    Block(int count, int broken) {
      this.count = count;
      this.broken = broken;
    }
  }

  private Scope(Scope parent, String path, ObjectNode node, int index, Block block) {
    this.parent = parent;
    this.path = path;
    this.node = node;
    this.index = index;
    this.block = block;
  }

  static Scope root(ObjectNode submission) {
    return new Scope(null, "", submission, -1, null);
  }

  Scope item(String blockPath, ObjectNode item, int index, Block block) {
    return new Scope(this, blockPath, item, index, block);
  }

  boolean isItem() {
    return block != null;
  }

  void put(String key, JsonNode value) {
    values.put(key, value);
  }

  /** The value of {@code key} here or in an enclosing scope; {@code index} and {@code count} inside a block. */
  JsonNode get(String key) {
    for (Scope s = this; s != null; s = s.parent) {
      JsonNode v = s.values.get(key);
      if (v != null) {
        return v;
      }
      if (s.block != null && key.equals("index")) {
        return IntNode.valueOf(s.index);
      }
      if (s.block != null && key.equals("count")) {
        return IntNode.valueOf(s.block.count);
      }
    }
    return null;
  }

  /** The nearest enclosing block, null at the submission's level. */
  Block nearestBlock() {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.block != null) {
        return s.block;
      }
    }
    return null;
  }
}
