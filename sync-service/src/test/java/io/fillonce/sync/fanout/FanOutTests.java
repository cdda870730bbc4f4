package io.fillonce.sync.fanout;

import java.time.OffsetDateTime;
import java.util.List;

import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.delivery.Delivery;
import io.fillonce.sync.delivery.DeliveryStatus;
import io.fillonce.sync.delivery.Lanes;
import io.fillonce.sync.delivery.Ledger;
import io.fillonce.sync.delivery.Sharing;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.MappingSettings;
import io.fillonce.sync.receipt.Submitters;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.state.CurrentStates;
import io.fillonce.sync.state.EntityState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FanOutTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RegistryView view = new RegistryView(JSON, event -> { });
    private final Ledger ledger = mock(Ledger.class);
    private final Lanes lanes = mock(Lanes.class);
    private final CurrentStates states = mock(CurrentStates.class);
    private final Submitters submitters = mock(Submitters.class);
    private final FanOut fanOut = new FanOut(view, states, new Sharing(view, ledger, lanes, JSON,
            new FieldHashes(new MappingSettings("fan-out-tests-hash-secret-of-32-bytes"))), submitters);

    @BeforeEach
    void registerSubscriptions() {
        when(lanes.knows(anyString())).thenAnswer(call -> List.of("topic", "webhook", "feed").contains(call.getArgument(0)));
        feed(RegistryEntries.civilAffairs());
        feed(RegistryEntries.health());
        feed(RegistryEntries.subscription("sub-veterans-webhook", "veterans", "resident",
                "{\"xm\": {\"from\": \"/name\"}}", "null", "[\"webhook\", \"feed\"]"));
        feed(RegistryEntries.subscription("sub-civil-affairs-household", "civil-affairs", "household",
                "{\"hh\": {\"from\": \"/name\"}}", "null", "[\"topic\"]"));
    }

    @Test
    void queuesOneEntryPerSubscriptionAndChannelOfTheRecordType() {
        List<Delivery> deliveries = share(resident("370602", "F"));

        assertThat(deliveries).extracting(Delivery::id).containsExactlyInAnyOrder("rec-1:1|civil-affairs|topic",
                "rec-1:1|health|topic", "rec-1:1|veterans|feed", "rec-1:1|veterans|webhook");
        assertThat(deliveries).extracting(Delivery::status).containsOnly(DeliveryStatus.PENDING);
        assertThat(deliveries).filteredOn(d -> d.department().equals("health")).singleElement()
                .satisfies(d -> assertThat(json(d.payload())).isEqualTo(json("""
                        {"name": "Li Mei", "phone": "138****1234"}""")))
                .satisfies(d -> assertThat(d.payloadHash()).startsWith("sha256:").hasSize(71))
                .satisfies(d -> assertThat(d.time()).isEqualTo("2026-11-27T08:15:30.123Z"));
        verify(lanes).wake("veterans", "webhook");
        verify(lanes).wake("health", "topic");
    }

    @Test
    void keepsTheCurrentStateOfEveryEntityEvenOneNoSubscriptionWants() {
        CanonicalEvent parcel = new CanonicalEvent("rec-9:3", OffsetDateTime.parse("2026-11-27T08:15:30.123Z"),
                "parcel", "p-9", "rec-9", 3, json("{\"area\": 12}"), "cadre:c-0001");

        fanOut.share(parcel);

        verify(states).keep(new EntityState("parcel", "p-9", "rec-9", 3, "rec-9:3", "2026-11-27T08:15:30.123Z",
                json("{\"area\": 12}")));
        verify(ledger, never()).enqueue(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void leavesOutSubscriptionsWhoseFilterDoesNotMatch() {
        assertThat(share(resident("371002", "F"))).extracting(Delivery::department)
                .containsOnly("health", "veterans").doesNotContain("civil-affairs");
    }

    @Test
    void recordsAsSkippedOnlyTheDepartmentWhosePayloadCannotBeBuilt() {
        List<Delivery> deliveries = share(resident("370602", "X"));

        assertThat(deliveries).filteredOn(d -> d.status() == DeliveryStatus.SKIPPED).singleElement()
                .satisfies(d -> assertThat(d.department()).isEqualTo("civil-affairs"))
                .satisfies(d -> assertThat(d.payload()).isNull())
                .satisfies(d -> assertThat(d.lastError()).contains("'X'"));
        assertThat(deliveries).filteredOn(d -> d.department().equals("health")).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.PENDING);
        verify(lanes, never()).wake("civil-affairs", "topic");
    }

    private List<Delivery> share(CanonicalEvent event) {
        fanOut.share(event);
        ArgumentCaptor<Delivery> deliveries = ArgumentCaptor.forClass(Delivery.class);
        verify(ledger, atLeastOnce()).enqueue(deliveries.capture());
        return deliveries.getAllValues();
    }

    private static CanonicalEvent resident(String regionCode, String gender) {
        JsonNode data = json("""
                {"idNumber": "370602199001011234", "name": "Li Mei", "gender": "%s", "phone": "13800001234",
                 "regionCode": "%s"}""".formatted(gender, regionCode));
        return new CanonicalEvent("rec-1:1", OffsetDateTime.parse("2026-11-27T08:15:30.123Z"), "resident",
                "370602199001011234", "rec-1", 1, data, "cadre:c-0001");
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
