package io.fillonce.sync.registry;

import java.util.ArrayList;
import java.util.List;

import io.fillonce.registryfeed.EntryKind;
import io.fillonce.registryfeed.RegistryEntry;
import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.RegistryEntries.Entry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryViewTests {

    private final List<Object> events = new ArrayList<>();
    private final RegistryView view = new RegistryView(events::add, RegistryEntries.SEALING);

    @Test
    void keepsSubscriptionsCodeTablesAndDepartmentsFromTheRegistry() {
        feed(RegistryEntries.civilAffairs());
        feed(RegistryEntries.example("registry/record-type-resident.json"));

        Subscription subscription = view.subscriptionsFor("resident").get(0);
        assertThat(subscription.id()).isEqualTo("sub-civil-affairs-resident");
        assertThat(subscription.department()).isEqualTo("civil-affairs");
        assertThat(subscription.purpose()).isEqualTo("minimum living allowance eligibility");
        assertThat(subscription.legalBasis()).isEqualTo("Social Assistance Measures art. 12");
        assertThat(subscription.sharesBy("topic")).isTrue();
        assertThat(subscription.sharesBy("webhook")).isFalse();
        assertThat(view.find("gender-civil")).hasValueSatisfying(table -> assertThat(table.entries()).containsEntry("F", "2"));
        assertThat(view.sizes()).containsEntry("subscriptions", 1).containsEntry("codeTables", 1).containsEntry("departments", 1);
        assertThat(view.subscriptionsFor("household")).isEmpty();
    }

    @Test
    void keepsEachRecordTypesCurrentSchemaUntilTheTypeIsDeleted() {
        feed(RegistryEntries.example("registry/record-type-resident.json"));

        assertThat(view.recordSchema("resident")).hasValueSatisfying(schema -> assertThat(
                schema.at("/properties/idNumber/type").asString()).isEqualTo("string"));
        assertThat(view.recordSchema("household")).isEmpty();

        view.apply(RegistryEntry.deletion(EntryKind.RECORD_TYPE, "resident"));
        assertThat(view.recordSchema("resident")).isEmpty();
    }

    @Test
    void forgetsDeletedEntries() {
        feed(RegistryEntries.civilAffairs());

        view.apply(RegistryEntry.deletion(EntryKind.SUBSCRIPTION, "sub-civil-affairs-resident"));
        view.apply(RegistryEntry.deletion(EntryKind.CODE_TABLE, "gender-civil"));

        assertThat(view.subscriptionsFor("resident")).isEmpty();
        assertThat(view.find("gender-civil")).isEmpty();
    }

    @Test
    void dropsAnEntryItCannotUseRatherThanKeepTheOutdatedOne() {
        feed(RegistryEntries.civilAffairs());

        feed(RegistryEntries.subscription("sub-civil-affairs-resident", "civil-affairs", "resident",
                "{\"xm\": {\"from\": \"name\"}}", "null", "[\"topic\"]"));

        assertThat(view.subscriptionsFor("resident")).isEmpty();
    }

    @Test
    void holdsTheKindsSharingNeedsAndNotPrincipals() {
        assertThat(view.kinds()).containsExactlyInAnyOrder(EntryKind.SUBSCRIPTION, EntryKind.CODE_TABLE,
                EntryKind.DEPARTMENT, EntryKind.RECORD_TYPE);
    }

    @Test
    void refusesDepartmentCodesThatCannotNameATopic() {
        feed(RegistryEntries.subscription("sub-x", "Civil Affairs!", "resident", "{\"xm\": {\"from\": \"/name\"}}",
                "null", "[\"topic\"]"));

        assertThat(view.subscriptionsFor("resident")).isEmpty();
    }

    @Test
    void announcesADepartmentOnlyWhenItFirstAppears() {
        feed(RegistryEntries.department("health"), RegistryEntries.department("health"));
        view.apply(RegistryEntry.deletion(EntryKind.DEPARTMENT, "health"));
        feed(RegistryEntries.department("health"));

        assertThat(events).containsExactly(new DepartmentAppeared("health"), new DepartmentAppeared("health"));
    }

    private void feed(Entry... entries) {
        for (Entry entry : entries) {
            view.apply(entry.entry());
        }
    }
}
