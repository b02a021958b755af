package org.portside.persistence.shared;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The standard Micronaut data source keys ({@code datasources.default.*}, so also the
 * {@code DATASOURCES_DEFAULT_URL}, {@code _USERNAME}, {@code _PASSWORD} environment variables). With
 * no URL, portside starts its embedded PostgreSQL instead.
 */
@ConfigurationProperties("datasources.default")
public class DatabaseSettings {

    private String url;
    private String username = "postgres";
    private String password = "";
    private int maximumPoolSize = 16;
    /** Short, so an unreachable database is a quick 503, not a long wait: connections are otherwise at hand (one per worker thread). */
    private long connectionTimeoutMillis = 2_000;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public boolean isExternal() {
        return url != null && !url.isBlank();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    public int getMaximumPoolSize() {
        return maximumPoolSize;
    }

    public void setMaximumPoolSize(int maximumPoolSize) {
        this.maximumPoolSize = maximumPoolSize;
    }

    public long getConnectionTimeoutMillis() {
        return connectionTimeoutMillis;
    }

    public void setConnectionTimeoutMillis(long connectionTimeoutMillis) {
        this.connectionTimeoutMillis = connectionTimeoutMillis;
    }
}
