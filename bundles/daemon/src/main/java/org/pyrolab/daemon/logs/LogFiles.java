package org.pyrolab.daemon.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.lab.Logs;
import org.pyrolab.api.lab.Services;
import org.pyrolab.daemon.internal.InstanceLock;

/** The {@link Logs} service: the daemon's log files ({@link LogFolder}), with the running configuration's services. */
@Component
public class LogFiles implements Logs {
    private final LogFolder folder;

    @Activate
    public LogFiles(@Reference InstanceLock lock, @Reference Services services) {
        this.folder = new LogFolder(lock.folder(), () -> services.list().stream().map(s -> s.name).collect(Collectors.toSet()));
    }

    @Override
    public List<String> tail(String service, int lines) throws IOException {
        return folder.tail(service, lines);
    }

    @Override
    public void follow(String service, Consumer<String> sink) throws IOException, InterruptedException {
        folder.follow(service, sink);
    }

    @Override
    public long export(Path target) throws IOException {
        return folder.export(target);
    }

    @Override
    public int clean() throws IOException {
        return folder.clean();
    }
}
