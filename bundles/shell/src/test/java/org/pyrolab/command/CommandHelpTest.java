package org.pyrolab.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.CommandHelp;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Help comes from one place: every Gogo command of the shell has an entry in {@link CommandHelp}
 * and describes itself with exactly that entry's summary. A new command without help fails here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandHelpTest {

    /** function name → the class declaring it, read from the class files (@GogoCommand is not visible to reflection). */
    private static Map<String, Class<?>> commands() throws ClassNotFoundException {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pyrolab.command");
        Map<String, Class<?>> functions = new TreeMap<>();
        for (JavaClass type : classes) {
            if (type.isAnnotatedWith(GogoCommand.class)) {
                Object names = type.getAnnotationOfType(GogoCommand.class.getName()).get("function").orElseThrow();
                for (Object name : (Object[]) names) {
                    functions.put((String) name, Class.forName(type.getName()));
                }
            }
        }
        return functions;
    }

    @Test
    void theShellHasCommands() throws Exception {
        assertThat(commands()).containsKeys("ps", "start", "status", "config", "logs", "nslist", "drivers");
    }

    @Test
    void everyCommandIsDescribedByItsEntryInCommandHelp() throws Exception {
        List<String> problems = new ArrayList<>();
        commands().forEach((name, type) -> {
            String summary = CommandHelp.of(name).map(CommandHelp.Entry::summary).orElse(null);
            if (summary == null) {
                problems.add(name + ": no entry in CommandHelp");
            }
            int methods = 0;
            for (Method method : type.getMethods()) {
                if (method.getName().equals(name)) {
                    methods++;
                    Descriptor descriptor = method.getAnnotation(Descriptor.class);
                    if (descriptor == null) {
                        problems.add(name + ": " + type.getSimpleName() + "." + name + " has no @Descriptor");
                    } else if (summary != null && !descriptor.value().equals(summary)) {
                        problems.add(name + ": @Descriptor is not CommandHelp's summary: '" + descriptor.value() + "'");
                    }
                }
            }
            if (methods == 0) {
                problems.add(name + ": " + type.getSimpleName() + " has no public method of that name");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyHelpEntryHasASummary() {
        CommandHelp.all().values().forEach(entry -> assertThat(entry.summary()).as(entry.name()).isNotBlank());
    }
}
