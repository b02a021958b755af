package org.portside.persistence.shared;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/** Which database the service talks to, for the start-up line and for a second instance to share it. */
@Singleton
public final class DatabaseInfo {

    private final String url;
    private final String description;

    DatabaseInfo(@Value("${" + EmbeddedDatabaseLocator.URL + "}") String url,
                 @Nullable @Value("${" + EmbeddedDatabaseLocator.DESCRIPTION + ":}") String embedded) {
        this.url = url;
        this.description = embedded == null || embedded.isBlank() ? "external PostgreSQL at " + withoutSecrets(url) : embedded;
    }

    /** The JDBC URL without user info or query parameters, which may carry a password. */
    static String withoutSecrets(String url) {
        String noQuery = url.split("\\?", 2)[0];
        return noQuery.replaceFirst("//[^/@]*@", "//");
    }

    /** The JDBC URL in use (of the embedded server too). */
    public String url() {
        return url;
    }

    /** One line for the start-up log: which database, where. */
    public String description() {
        return description;
    }
}
