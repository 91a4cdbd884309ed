package org.pyrolab.command;

import java.util.List;

import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

/**
 * Prints the lists the commands return as the command line shows them: Gogo asks every
 * {@link Converter} service before its own formatting, which would print a list one
 * {@code toString()} a line. Converts nothing.
 */
@Component(service = Converter.class)
public class TableConverter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (level != INSPECT) {
            return null; // inside another value, or a line of a list: Gogo's own way (a row's name)
        }
        if (target instanceof ServiceTable table) {
            return table.toString();
        }
        if (target instanceof ServiceTable.Row row) {
            return ServiceTable.table(List.of(row));
        }
        return null;
    }
}
