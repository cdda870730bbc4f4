package io.fillonce.sync.fanout;

import java.time.OffsetDateTime;
import java.util.List;

import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.registry.RegistryView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class FanOutTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RegistryView view = new RegistryView(JSON, event -> { });
    private final DepartmentTopicPublisher publisher = mock(DepartmentTopicPublisher.class);
    private final FanOut fanOut = new FanOut(view, publisher);

    @BeforeEach
    void registerSubscriptions() {
        feed(RegistryEntries.civilAffairs());
        feed(RegistryEntries.health());
        feed(RegistryEntries.subscription("sub-veterans-webhook", "veterans", "resident",
                "{\"xm\": {\"from\": \"/name\"}}", "null", "[\"webhook\", \"feed\"]"));
        feed(RegistryEntries.subscription("sub-civil-affairs-household", "civil-affairs", "household",
                "{\"hh\": {\"from\": \"/name\"}}", "null", "[\"topic\"]"));
    }

    @Test
    void sharesWithEveryTopicSubscriptionOfTheRecordType() {
        List<DepartmentDelivery> deliveries = share(resident("370602", "F"));

        assertThat(deliveries).extracting(DepartmentDelivery::topic)
                .containsExactlyInAnyOrder("fillonce.dept.civil-affairs", "fillonce.dept.health");
        assertThat(deliveries).filteredOn(d -> d.department().equals("health")).singleElement()
                .satisfies(d -> assertThat(d.payload()).isEqualTo(json("""
                        {"name": "Li Mei", "phone": "138****1234"}""")));
    }

    @Test
    void leavesOutSubscriptionsWhoseFilterDoesNotMatch() {
        assertThat(share(resident("371002", "F"))).extracting(DepartmentDelivery::department).containsExactly("health");
    }

    @Test
    void skipsOnlyTheDepartmentWhosePayloadCannotBeBuilt() {
        assertThat(share(resident("370602", "X"))).extracting(DepartmentDelivery::department).containsExactly("health");
    }

    private List<DepartmentDelivery> share(CanonicalEvent event) {
        fanOut.share(event);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<DepartmentDelivery>> deliveries = ArgumentCaptor.forClass(List.class);
        verify(publisher).publish(deliveries.capture());
        return deliveries.getValue();
    }

    private static CanonicalEvent resident(String regionCode, String gender) {
        JsonNode data = json("""
                {"idNumber": "370602199001011234", "name": "Li Mei", "gender": "%s", "phone": "13800001234",
                 "regionCode": "%s"}""".formatted(gender, regionCode));
        return new CanonicalEvent("rec-1:1", OffsetDateTime.parse("2026-11-27T08:15:30.123Z"), "resident",
                "370602199001011234", 1, data);
    }

    private void feed(Entry... entries) {
        for (Entry entry : entries) {
            view.apply(entry.key(), entry.value());
        }
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
