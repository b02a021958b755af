package org.portside.rest.shared;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OAuth 2.0 scopes portside knows, and the scopes a caller's token grants: the {@code scope}
 * claim (space-separated, RFC 8693/9068) or an {@code scp} array (Entra ID and others).
 */
public final class Scopes {

    /** The name of the bearer security scheme in the OpenAPI document. */
    public static final String BEARER = "bearer";

    public static final String USERS_READ = "users:read";
    public static final String USERS_WRITE = "users:write";
    public static final String GUIDS_READ = "guids:read";
    public static final String GUIDS_WRITE = "guids:write";
    public static final String TASKS_READ = "tasks:read";
    public static final String TASKS_WRITE = "tasks:write";
    public static final String TASKS_WORK = "tasks:work";
    public static final String ADMIN = "admin";

    /** The claim naming the one worker a {@value #TASKS_WORK}-only token may act for. */
    public static final String WORKER_CLAIM = "worker";

    /** What separates scopes in the {@code scope} claim; compiled once ({@code String.split} would compile it per call). */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Scopes() {
    }

    /** The scopes a caller's token grants. */
    public static Set<String> granted(Authentication caller) {
        Set<String> scopes = new LinkedHashSet<>();
        Object scope = caller.getAttributes().get("scope");
        if (scope instanceof String text) {
            for (String s : SPACES.split(text.trim())) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        Object scp = caller.getAttributes().get("scp");
        if (scp instanceof Collection<?> list) {
            list.forEach(s -> scopes.add(String.valueOf(s)));
        } else if (scp instanceof String text) {
            scopes.add(text);
        }
        return scopes;
    }

    /**
     * The worker a caller may act for alone, if its token grants {@value #TASKS_WORK} but neither
     * {@value #TASKS_WRITE} nor {@value #ADMIN}; empty for a caller that may act for any worker.
     */
    public static java.util.Optional<String> onlyWorker(Authentication caller) {
        Set<String> granted = granted(caller);
        if (granted.contains(ADMIN) || granted.contains(TASKS_WRITE)) {
            return java.util.Optional.empty();
        }
        Object worker = caller.getAttributes().get(WORKER_CLAIM);
        return java.util.Optional.of(worker instanceof String w ? w : "");
    }
}
