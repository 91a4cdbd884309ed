package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows: a Task Scheduler task "pyrolabd" with the seed's settings (at start-up or log-on,
 * highest privileges, no conditions, run when missed, restart on failure). The restart setting
 * exists only in a task's XML definition, so the task is created from XML.
 */
final class WindowsTask implements Mechanism {
    static final String TASK = "pyrolabd";
    private final Host host;

    WindowsTask(Host host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "Task Scheduler task " + TASK;
    }

    @Override
    public boolean available() {
        return true;
    }

    /** Kept in the user's PyroLab folder, so the task's definition can be read later. */
    Path xmlFile() {
        Path data = host.home != null ? host.home
                : Paths.get(host.env.getOrDefault("LOCALAPPDATA", host.userHome.resolve("AppData").resolve("Local").toString()), "PyroLab");
        return data.resolve("autostart").resolve(TASK + ".xml");
    }

    String xml(At at) {
        String user = Mechanism.xml(host.user());
        String trigger = at == At.BOOT ? "    <BootTrigger>\n      <Enabled>true</Enabled>\n    </BootTrigger>\n"
                : "    <LogonTrigger>\n      <Enabled>true</Enabled>\n      <UserId>" + user + "</UserId>\n    </LogonTrigger>\n";
        // at boot nobody is logged on: the task runs with the stored password (the seed: do not tick "Do not store password")
        String logon = at == At.BOOT ? "Password" : "InteractiveToken";
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
                + "  <RegistrationInfo>\n    <Description>PyroLab daemon; written by `pyrolab autostart install`</Description>\n"
                + "  </RegistrationInfo>\n"
                + "  <Triggers>\n" + trigger + "  </Triggers>\n"
                + "  <Principals>\n    <Principal id=\"Author\">\n      <UserId>" + user + "</UserId>\n"
                + "      <LogonType>" + logon + "</LogonType>\n      <RunLevel>HighestAvailable</RunLevel>\n"
                + "    </Principal>\n  </Principals>\n"
                + "  <Settings>\n"
                + "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
                + "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
                + "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
                + "    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>\n"
                + "    <RunOnlyIfIdle>false</RunOnlyIfIdle>\n"
                + "    <IdleSettings>\n      <StopOnIdleEnd>false</StopOnIdleEnd>\n      <RestartOnIdle>false</RestartOnIdle>\n"
                + "    </IdleSettings>\n"
                + "    <AllowStartOnDemand>true</AllowStartOnDemand>\n"
                + "    <StartWhenAvailable>true</StartWhenAvailable>\n"
                + "    <AllowHardTerminate>true</AllowHardTerminate>\n"
                + "    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>\n"
                + "    <RestartOnFailure>\n      <Interval>PT1M</Interval>\n      <Count>3</Count>\n    </RestartOnFailure>\n"
                + "    <Enabled>true</Enabled>\n"
                + "  </Settings>\n"
                + "  <Actions Context=\"Author\">\n    <Exec>\n"
                + "      <Command>" + Mechanism.xml(host.script().toString()) + "</Command>\n"
                + "      <Arguments>" + Mechanism.xml(arguments()) + "</Arguments>\n"
                + "    </Exec>\n  </Actions>\n"
                + "</Task>\n";
    }

    /** A task cannot set environment variables: a pinned PYROLAB_HOME goes in as --home. */
    String arguments() {
        return (host.home == null ? "" : "--home \"" + host.home + "\" ") + "up --force";
    }

    List<String> createCommand(At at) {
        List<String> command = new ArrayList<>(List.of("schtasks", "/Create", "/TN", TASK, "/XML", xmlFile().toString(), "/F"));
        if (at == At.BOOT) {
            command.addAll(List.of("/RU", host.user(), "/RP")); // /RP without a value: schtasks asks for the password
        }
        return command;
    }

    @Override
    public List<Step> install(At at) {
        List<Step> steps = new ArrayList<>();
        // Task Scheduler reads XML as UTF-16 with a byte order mark
        steps.add(new Step.WriteFile(xmlFile(), "\uFEFF" + xml(at), StandardCharsets.UTF_16LE));
        steps.add(new Step.Run(host.commands, false, createCommand(at).toArray(String[]::new)));
        if (at == At.BOOT) {
            steps.add(new Step.Note("schtasks asks for your Windows password: a task that runs whether you are logged on or "
                    + "not needs it stored (\"Do not store password\" would leave the daemon without network shares)"));
        }
        return steps;
    }

    @Override
    public List<Step> remove() throws IOException {
        if (status() == null) {
            return List.of();
        }
        return List.of(new Step.Run(host.commands, true, "schtasks", "/Delete", "/TN", TASK, "/F"), new Step.DeleteFile(xmlFile()));
    }

    @Override
    public Status status() throws IOException {
        Commands.Result query = host.commands.run(List.of("schtasks", "/Query", "/TN", TASK, "/XML", "ONE"), "");
        if (query.exit != 0) {
            return null;
        }
        boolean here = query.output.contains(Mechanism.xml(host.script().toString()));
        String trigger = query.output.contains("BootTrigger") ? "at start-up" : "at log-on";
        return new Status(name() + " (" + trigger + ")" + (here ? ", starts this installation" : ", starts another installation"), here);
    }
}
