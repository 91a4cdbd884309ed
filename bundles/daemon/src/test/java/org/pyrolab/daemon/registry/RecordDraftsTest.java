package org.pyrolab.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.daemon.config.LabConfig.Restart;

/** Drafts only of what a transition touches, and the same map back when it changed nothing. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RecordDraftsTest {
    private final Map<String, ServiceRecord> before = new LinkedHashMap<>();

    RecordDraftsTest() {
        for (String name : new String[] {"a", "b", "c"}) {
            before.put(name, ServiceRecord.of(Machine.spec(name, Restart.ON_FAILURE, 3)));
        }
    }

    @Test
    void nothingChangedGivesTheSameMap() {
        RecordDrafts drafts = new RecordDrafts(before);
        drafts.get("b");
        assertThat(drafts.frozen()).isSameAs(before);
        RecordDrafts every = new RecordDrafts(before);
        every.all();
        assertThat(every.frozen()).isSameAs(before);
    }

    @Test
    void oneChangedRecordKeepsTheOthersAndTheOrder() {
        RecordDrafts drafts = new RecordDrafts(before);
        drafts.get("b").state = ServiceState.STARTING;
        Map<String, ServiceRecord> after = drafts.frozen();
        assertThat(after).isNotSameAs(before).containsOnlyKeys("a", "b", "c");
        assertThat(after.keySet()).containsExactly("a", "b", "c");
        assertThat(after.get("a")).isSameAs(before.get("a"));
        assertThat(after.get("c")).isSameAs(before.get("c"));
        assertThat(after.get("b").state()).isEqualTo(ServiceState.STARTING);
        assertThat(before.get("b").state()).as("the state before is left alone").isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void aDraftTouchedBeforeAllIsTheOneAllHolds() {
        RecordDrafts drafts = new RecordDrafts(before);
        ServiceRecord.Draft b = drafts.get("b");
        assertThat(drafts.all().get("b")).isSameAs(b);
        drafts.all().remove("a");
        assertThat(drafts.get("a")).isNull();
        assertThat(drafts.names()).containsExactly("b", "c");
        assertThat(drafts.frozen().keySet()).containsExactly("b", "c");
    }

    @Test
    void anUnknownNameHasNoDraft() {
        assertThat(new RecordDrafts(before).get("nosuch")).isNull();
    }
}
