package org.portside.rest.shared;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paths served under a second prefix (the tasks' singular /api/task) but documented once, under the
 * canonical one: what the document says of the canonical path holds for the alias.
 */
@Singleton
public final class RouteAliases {

    private final Map<String, String> canonicalByAlias = new ConcurrentHashMap<>();

    public void register(String aliasPrefix, String canonicalPrefix) {
        canonicalByAlias.put(aliasPrefix, canonicalPrefix);
    }

    /** The documented path for a served one. */
    String canonical(String path) {
        for (Map.Entry<String, String> alias : canonicalByAlias.entrySet()) {
            String prefix = alias.getKey();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return alias.getValue() + path.substring(prefix.length());
            }
        }
        return path;
    }
}
