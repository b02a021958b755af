package org.portside.persistence.shared;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries shipped in a Maven artifact, so the service works
 * with zero configuration and still speaks exactly one SQL dialect. Its data directory survives
 * restarts.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** The lock file the embedded server holds while it uses a data directory. */
    private static final String LOCK_FILE = "epg-lock";
    /** The PostgreSQL major version of the binaries this build ships (see the parent pom). */
    static final int MAJOR_VERSION = 17;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static EmbeddedPostgresServer start(Path dataDirectory) {
        try {
            Path dir = dataDirectory.toAbsolutePath().normalize();
            Files.createDirectories(dir);
            requireSameMajorVersion(dir);
            stopOrphanedServer(dir);
            // The library starts PostgreSQL as a throw-away test server (fsync and synchronous
            // commit off). This one keeps users' data, so PostgreSQL's durable defaults are put back:
            // what a request acknowledged survives a crash of the machine, not only of the JVM.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            return new EmbeddedPostgresServer(postgres, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * PostgreSQL cannot open a data directory written by another major version; say so plainly
     * instead of letting the server fail with a log line nobody sees.
     */
    static void requireSameMajorVersion(Path dir) throws IOException {
        Path versionFile = dir.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            return;
        }
        String version = Files.readString(versionFile).trim();
        if (!version.equals(Integer.toString(MAJOR_VERSION))) {
            throw new IllegalStateException("The embedded database in " + dir + " was created by PostgreSQL " + version
                    + ", but this portside embeds PostgreSQL " + MAJOR_VERSION + ". Move that directory away (or set "
                    + "PORTSIDE_DATABASE_EMBEDDED_DATA_DIR to another one) to start afresh, or point "
                    + "DATASOURCES_DEFAULT_URL at a PostgreSQL " + version + " server holding a dump of it.");
        }
    }

    /**
     * A portside that was killed (SIGKILL, power loss of the JVM only) leaves its PostgreSQL running
     * and holding the data directory, so the next start would time out. If no live process holds
     * the directory's lock (the embedded server takes it while in use), a postmaster still listed in
     * {@code postmaster.pid} is such an orphan: it is shut down (its clients died with the old JVM),
     * and PostgreSQL's own recovery takes care of the rest. Nothing committed is lost.
     */
    static void stopOrphanedServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IOException("another process is using the embedded database in " + dir);
            }
            Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                    .map(String::trim).filter(line -> line.matches("[0-9]+")).map(Long::parseLong)
                    .flatMap(ProcessHandle::of)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            if (orphan.isEmpty()) {
                return; // a stale pid file: PostgreSQL ignores it by itself
            }
            LOG.warn("An embedded PostgreSQL (pid {}) was left running on {} by a portside that did not shut down; stopping it",
                    orphan.get().pid(), dir);
            orphan.get().destroy(); // SIGTERM: shut down once its (dead) clients are gone
            try {
                orphan.get().onExit().get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                orphan.get().destroyForcibly();
                orphan.get().onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (OverlappingFileLockException e) {
            throw new IOException("the embedded database in " + dir + " is already in use by this process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not stop the orphaned PostgreSQL on " + dir, e);
        }
    }

    /** An administrative connection, e.g. to ask the server how it runs. */
    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    String describe() {
        return "embedded PostgreSQL (data in " + dataDirectory + ", port " + postgres.getPort() + ")";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
        }
    }
}
