package org.pyrolab.command;

import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.api.lab.WebPage;
import org.pyrolab.control.CommandFailure;
import org.pyrolab.control.CommandHelp;

/**
 * {@code web}: the one-time link to the daemon's web page. The page's bundle provides
 * {@link WebPage} only while {@code web:} is on, so the reference is optional; {@code --open}
 * is the launcher's business (it opens the printed link on the user's side).
 */
@Component(service = WebCommands.class)
@GogoCommand(scope = "pyrolab", function = {"web"})
public class WebCommands {
    static final String OFF = "The web page is off; add `web: on` to the configuration and run `pyrolab reload`.";
    /** The page starts in the background after `up` or `reload`; a `web` right after waits this long for it. */
    private static final long STARTING_MS = 20_000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile WebPage page;

    @Reference
    Configuration configuration;

    @Descriptor(CommandHelp.WEB)
    public String web(@Descriptor("open it in the browser (done by the pyrolab command)") @Parameter(names = "--open",
            presentValue = "true", absentValue = "false") boolean open) throws InterruptedException {
        WebPage p = page;
        long deadline = System.currentTimeMillis() + STARTING_MS;
        while (p == null && configuredOn() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            p = page;
        }
        if (p == null) {
            throw new CommandFailure(configuredOn()
                    ? "The web page is on in the configuration but does not serve; `pyrolab logs` says why."
                    : OFF);
        }
        try {
            return p.login().toString();
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private boolean configuredOn() {
        Object tree = configuration.info(null);
        Object web = tree instanceof Map<?, ?> m ? m.get("web") : null;
        return web != null && !Boolean.FALSE.equals(web) && !"off".equals(web);
    }
}
