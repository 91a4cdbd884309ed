package org.pyrolab.daemon.deploy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.lab.Deployer;
import org.pyrolab.daemon.deploy.Verdicts.Verdict;
import org.pyrolab.daemon.internal.InstanceLock;

/**
 * The deploy directory as the command line sees it. Felix FileInstall does the installing,
 * updating, uninstalling and starting; this adds safe copying in and out, and diagnoses files
 * that do not run (not a jar, not a bundle, imports that cannot resolve), logging each problem
 * once per version of the file. The diagnosis only reads: files, bundle states, headers and the
 * framework's capability index ({@code FrameworkWiring.findProviders}); it never starts,
 * resolves or installs. It learns of changes from a {@code WatchService} on the directory
 * ({@link DirectoryEvents}) and from bundle events; a file not judged yet (still changing) gets
 * one timer for when its quiet time ends.
 */
@Component(immediate = true, service = {Deployer.class, DeployState.class})
public class DeployDirectory implements Deployer, DeployState {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.deploy");
    private static final long WAIT_MS = 10_000;

    private final BundleContext context;
    private final Path dir;
    private final Verdicts verdicts = new Verdicts();
    /** The problem last logged for each file, with the version (size and time) it was found in. */
    private final Map<Path, String> logged = new HashMap<>();
    private final Map<Path, ScheduledFuture<?>> timers = new HashMap<>();
    private final DeployFacts facts;
    private final DirectoryEvents events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyrolab-deploy-timer");
        t.setDaemon(true);
        return t;
    });
    private final BundleListener bundles = this::bundleChanged;
    private final AtomicReference<CompletableFuture<Void>> changed = new AtomicReference<>(new CompletableFuture<>());

    @Activate
    public DeployDirectory(BundleContext context, @Reference InstanceLock lock) throws IOException {
        this.context = context;
        this.dir = lock.folder().deploy().toAbsolutePath().normalize();
        Files.createDirectories(dir);
        this.facts = new DeployFacts(context);
        this.events = new DirectoryEvents(dir, this::recheck, this::recheckAll);
        context.addBundleListener(bundles);
        timer.execute(this::recheckAll); // what was there before the watch began
    }

    @Deactivate
    void close() {
        context.removeBundleListener(bundles);
        events.close();
        timer.shutdownNow();
        signal();
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public CompletableFuture<Void> nextChange() {
        return changed.get();
    }

    private void signal() {
        changed.getAndSet(new CompletableFuture<>()).complete(null);
    }

    @Override
    public String install(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist; give the path of a bundle jar");
        }
        String symbolicName = JarFacts.symbolicName(jar).orElseThrow(() -> new IllegalArgumentException(
                jar + " is not an OSGi bundle (" + JarFacts.whyNotABundle(jar) + "); nothing was installed"));
        Path target = dir.resolve(jar.getFileName().toString().endsWith(".jar") ? jar.getFileName().toString() : jar.getFileName() + ".jar");
        Path part = dir.resolve("." + target.getFileName() + ".part"); // invisible to the watcher until complete
        try {
            Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + jar + " into " + dir + ": " + e.getMessage());
        }
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            CompletableFuture<Void> change = changed.get(); // taken before looking: no change slips between
            Optional<Bundle> bundle = facts.bundleAt(target);
            if (bundle.isPresent() && bundle.get().getState() == Bundle.ACTIVE && bundle.get().getLastModified() >= target.toFile().lastModified()) {
                return "Installed " + symbolicName + " " + bundle.get().getVersion() + " from " + target.getFileName() + ".";
            }
            String problem = verdict(target).problem();
            if (problem != null && bundle.isPresent()) {
                throw new IllegalStateException(target.getFileName() + " was copied into the deploy directory but does not run: " + problem);
            }
            if (!await(change, deadline)) {
                throw new IllegalStateException(target.getFileName() + " was copied into " + dir + " but was not installed within "
                        + WAIT_MS / 1000 + " s; see `pyrolab logs`");
            }
        }
    }

    @Override
    public String uninstall(String symbolicName) {
        Bundle bundle = null;
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                bundle = b;
            }
        }
        if (bundle == null) {
            throw new IllegalArgumentException("no installed bundle is named " + symbolicName + "; `pyrolab drivers` lists the driver bundles");
        }
        Path file = DeployFacts.pathOf(bundle.getLocation());
        if (file == null || !file.startsWith(dir)) {
            throw new IllegalArgumentException(symbolicName + " is part of the installation, not of the deploy directory, and cannot be uninstalled");
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + file + ": " + e.getMessage());
        }
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            CompletableFuture<Void> change = changed.get();
            if (bundle.getState() == Bundle.UNINSTALLED) {
                return "Uninstalled " + symbolicName + " (" + file.getFileName() + " removed from the deploy directory).";
            }
            if (!await(change, deadline)) {
                throw new IllegalStateException(file.getFileName() + " was removed but " + symbolicName + " is still installed; see `pyrolab logs`");
            }
        }
    }

    /** Waits for the next change until the deadline (wall clock, ms); false once it has passed. */
    private static boolean await(CompletableFuture<Void> change, long deadline) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
            return false;
        }
        try {
            change.get(Math.min(left, 500), TimeUnit.MILLISECONDS); // the cap only guards against a missed event
        } catch (TimeoutException | ExecutionException e) {
            // look again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    @Override
    public List<DriverDTO> problems() {
        List<DriverDTO> rows = new ArrayList<>();
        for (Path file : files()) {
            String problem = verdict(file).problem();
            if (problem != null) {
                DriverDTO row = new DriverDTO();
                row.file = file.getFileName().toString();
                row.problem = problem;
                facts.bundleAt(file).ifPresent(b -> {
                    row.bundle = b.getSymbolicName();
                    row.version = b.getVersion().toString();
                });
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public boolean settled() {
        for (Path file : files()) {
            if (file.getFileName().toString().endsWith(".jar") && verdict(file).pending()) {
                return false;
            }
        }
        return true;
    }

    /** The visible files of the directory, listed on demand (no periodic scan). */
    private List<Path> files() {
        List<Path> list = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> !p.getFileName().toString().startsWith("."))) {
            files.forEach(list::add);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + dir + ": " + e.getMessage());
        }
        return list;
    }

    private void bundleChanged(BundleEvent event) {
        Path file = DeployFacts.pathOf(event.getBundle().getLocation());
        if (event.getType() == BundleEvent.UNINSTALLED) {
            verdicts.forget(event.getBundle().getBundleId());
        }
        if (file != null && dir.equals(file.getParent())) {
            recheck(file);
        }
    }

    private void recheckAll() {
        files().forEach(this::recheck);
    }

    /** Judges one file again: logs a new problem, keeps one timer while it is pending, and wakes whoever waits. */
    private void recheck(Path file) {
        verdict(file);
        signal();
    }

    /** The verdict on a file now, read-only towards the framework; logs a problem once per version, schedules its re-check. */
    private Verdict verdict(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException gone) {
            forget(file);
            return Verdict.FINE;
        }
        long now = System.currentTimeMillis();
        long modified = attributes.lastModifiedTime().toMillis();
        long quietAt = verdicts.observe(file, attributes.size(), modified, now);
        String name = file.getFileName().toString();
        Optional<Bundle> bundle = facts.bundleAt(file);
        if (bundle.isPresent()) {
            quietAt = Math.max(quietAt, verdicts.observe(bundle.get().getBundleId(), bundle.get().getState(), now));
        }
        Verdict verdict = Verdicts.judge(name, JarFacts.of(file), bundle.map(facts::of).orElse(null), now >= quietAt);
        synchronized (this) {
            // a timer only for the quiet time; after it, what is pending waits for FileInstall, whose work brings bundle events
            boolean timed = verdict.pending() && now < quietAt;
            ScheduledFuture<?> old = timed ? timers.get(file) : timers.remove(file);
            if (timed) {
                long delay = Math.max(quietAt - now, 50);
                long due = old == null ? -1 : old.getDelay(TimeUnit.MILLISECONDS); // <= 0: done, or this very timer running
                if (due <= 0 || due > delay + 50) {
                    if (old != null) {
                        old.cancel(false);
                    }
                    try {
                        timers.put(file, timer.schedule(() -> recheck(file), delay, TimeUnit.MILLISECONDS));
                    } catch (RejectedExecutionException closed) {
                        // deactivated
                    }
                }
            } else if (old != null) {
                old.cancel(false);
            }
            String version = attributes.size() + "@" + modified + ": " + verdict.problem();
            if (verdict.problem() == null) {
                logged.remove(file);
            } else if (!version.equals(logged.put(file, version))) {
                LOG.log(System.Logger.Level.ERROR, "deploy/" + name + ": " + verdict.problem());
            }
        }
        return verdict;
    }

    private synchronized void forget(Path file) {
        verdicts.forget(file);
        logged.remove(file);
        ScheduledFuture<?> old = timers.remove(file);
        if (old != null) {
            old.cancel(false);
        }
    }
}
