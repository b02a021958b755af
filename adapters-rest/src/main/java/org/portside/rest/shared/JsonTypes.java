package org.portside.rest.shared;

import io.micronaut.json.tree.JsonNode;

/** Names a JSON value's type the way a client would ("a number", "null") for error messages. */
final class JsonTypes {

    private JsonTypes() {
    }

    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNumber() ? "a number" : "an unknown JSON value";
    }
}
