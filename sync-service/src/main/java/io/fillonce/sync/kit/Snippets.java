package io.fillonce.sync.kit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Snippets a department runs as written, its own values filled in and its credentials read from the environment
 * ({@code FILLONCE_KAFKA_USERNAME}, {@code FILLONCE_KAFKA_PASSWORD}, {@code FILLONCE_API_KEY},
 * {@code FILLONCE_WEBHOOK_SECRET}): reading its topic with kcat, Python (confluent-kafka), Java (kafka-clients) and
 * Node (kafkajs), committed messages only, in a consumer group under its prefix; reading its feed with curl; and
 * verifying a webhook's Standard Webhooks signature in Node ({@code standardwebhooks}) and in Python.
 */
final class Snippets {

    private Snippets() {
    }

    /** File name to text, in the order a reader wants them. */
    static Map<String, String> of(Kit kit) {
        Kit.Kafka kafka = kit.connect().kafka();
        Map<String, String> values = Map.of("BOOTSTRAP", kafka.bootstrapServers(), "PROTOCOL",
                kafka.securityProtocol(), "MECHANISM", kafka.saslMechanism(), "TOPIC", kafka.topic(), "GROUP",
                kafka.groupPrefix() + "reader", "FEED", kit.connect().feed().url(), "DEPARTMENT", kit.department());
        Map<String, String> snippets = new LinkedHashMap<>();
        snippets.put("kcat.sh", fill(KCAT, values));
        snippets.put("consume.py", fill(PYTHON, values));
        snippets.put("Consume.java", fill(JAVA, values));
        snippets.put("consume.mjs", fill(NODE, values));
        snippets.put("feed.sh", fill(FEED, values));
        snippets.put("verify-webhook.mjs", fill(VERIFY_NODE, values));
        snippets.put("verify_webhook.py", fill(VERIFY_PYTHON, values));
        return snippets;
    }

    private static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return text;
    }

    private static final String KCAT = """
            #!/bin/sh
            # Reads {{TOPIC}} from the beginning, committed messages only, with the CloudEvents headers.
            # Needs kcat built with librdkafka >= 2.6.1: older librdkafka's SCRAM fails against Kafka 4 brokers
            # (Debian 12's kcat links librdkafka 2.0). Credentials from the environment.
            : "${FILLONCE_KAFKA_USERNAME:?set FILLONCE_KAFKA_USERNAME}"
            : "${FILLONCE_KAFKA_PASSWORD:?set FILLONCE_KAFKA_PASSWORD}"
            exec kcat -C -b '{{BOOTSTRAP}}' -G '{{GROUP}}' '{{TOPIC}}' \\
              -X security.protocol={{PROTOCOL}} -X sasl.mechanisms={{MECHANISM}} \\
              -X sasl.username="$FILLONCE_KAFKA_USERNAME" -X sasl.password="$FILLONCE_KAFKA_PASSWORD" \\
              -X isolation.level=read_committed -X auto.offset.reset=earliest \\
              -f 'key=%k offset=%o headers=%h\\n%s\\n'
            """;

    private static final String PYTHON = """
            # Reads {{TOPIC}} with confluent-kafka (pip install confluent-kafka), committed messages only.
            # Credentials from the environment: FILLONCE_KAFKA_USERNAME, FILLONCE_KAFKA_PASSWORD.
            import json
            import os

            from confluent_kafka import Consumer

            consumer = Consumer({
                "bootstrap.servers": "{{BOOTSTRAP}}",
                "security.protocol": "{{PROTOCOL}}",
                "sasl.mechanisms": "{{MECHANISM}}",
                "sasl.username": os.environ["FILLONCE_KAFKA_USERNAME"],
                "sasl.password": os.environ["FILLONCE_KAFKA_PASSWORD"],
                "group.id": "{{GROUP}}",
                "isolation.level": "read_committed",
                "auto.offset.reset": "earliest",
                "enable.auto.commit": False,
            })
            consumer.subscribe(["{{TOPIC}}"])
            try:
                while True:
                    message = consumer.poll(1.0)
                    if message is None:
                        continue
                    if message.error():
                        raise SystemExit(message.error())
                    headers = {name: value.decode() for name, value in (message.headers() or [])}
                    data = json.loads(message.value()) if message.value() else None
                    print(headers.get("ce_type"), headers.get("ce_id"), message.key().decode(), data)
                    consumer.commit(message)  # after storing it: deduplicate on ce_id
            finally:
                consumer.close()
            """;

    private static final String JAVA = """
            // Reads {{TOPIC}} with kafka-clients (org.apache.kafka:kafka-clients), committed messages only.
            // Run: java -cp kafka-clients.jar:slf4j-api.jar Consume.java (Java 17+).
            // Credentials from the environment: FILLONCE_KAFKA_USERNAME, FILLONCE_KAFKA_PASSWORD.
            import java.nio.charset.StandardCharsets;
            import java.time.Duration;
            import java.util.List;
            import java.util.Properties;

            import org.apache.kafka.clients.consumer.ConsumerRecord;
            import org.apache.kafka.clients.consumer.KafkaConsumer;
            import org.apache.kafka.common.header.Header;
            import org.apache.kafka.common.serialization.StringDeserializer;

            public class Consume {

                public static void main(String[] args) {
                    Properties config = new Properties();
                    config.put("bootstrap.servers", "{{BOOTSTRAP}}");
                    config.put("security.protocol", "{{PROTOCOL}}");
                    config.put("sasl.mechanism", "{{MECHANISM}}");
                    config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                            + " username=\\"" + System.getenv("FILLONCE_KAFKA_USERNAME") + "\\""
                            + " password=\\"" + System.getenv("FILLONCE_KAFKA_PASSWORD") + "\\";");
                    config.put("group.id", "{{GROUP}}");
                    config.put("isolation.level", "read_committed");
                    config.put("auto.offset.reset", "earliest");
                    config.put("enable.auto.commit", "false");
                    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                            new StringDeserializer())) {
                        consumer.subscribe(List.of("{{TOPIC}}"));
                        while (true) {
                            for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofSeconds(1))) {
                                Header type = message.headers().lastHeader("ce_type");
                                Header id = message.headers().lastHeader("ce_id");
                                System.out.println(text(type) + " " + text(id) + " " + message.key() + " "
                                        + message.value());
                            }
                            consumer.commitSync(); // after storing them: deduplicate on ce_id
                        }
                    }
                }

                private static String text(Header header) {
                    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
                }
            }
            """;

    private static final String NODE = """
            // Reads {{TOPIC}} with kafkajs (npm install kafkajs), committed messages only (its default).
            // Credentials from the environment: FILLONCE_KAFKA_USERNAME, FILLONCE_KAFKA_PASSWORD.
            import { Kafka } from 'kafkajs';

            const kafka = new Kafka({
              clientId: '{{DEPARTMENT}}',
              brokers: '{{BOOTSTRAP}}'.split(','),
              ssl: '{{PROTOCOL}}' === 'SASL_SSL',
              sasl: {
                mechanism: 'scram-sha-512',
                username: process.env.FILLONCE_KAFKA_USERNAME,
                password: process.env.FILLONCE_KAFKA_PASSWORD,
              },
            });
            const consumer = kafka.consumer({ groupId: '{{GROUP}}', readUncommitted: false });
            await consumer.connect();
            await consumer.subscribe({ topic: '{{TOPIC}}', fromBeginning: true });
            await consumer.run({
              eachMessage: async ({ message }) => {
                const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, v.toString()]));
                const data = message.value ? JSON.parse(message.value.toString()) : null;
                console.log(headers.ce_type, headers.ce_id, message.key.toString(), data);
              },
            });
            """;

    private static final String FEED = """
            #!/bin/sh
            # Pages through the feed of {{DEPARTMENT}}; FILLONCE_API_KEY is the department's API key.
            : "${FILLONCE_API_KEY:?set FILLONCE_API_KEY}"
            after=''
            while :; do
              page=$(curl -fsS -H "Authorization: Bearer $FILLONCE_API_KEY" "{{FEED}}?limit=100&after=$after") || exit 1
              printf '%s\\n' "$page"
              next=$(printf '%s' "$page" \\
                | python3 -c 'import json,sys; p=json.load(sys.stdin); print(p["next"] if p["items"] else "")')
              [ -z "$next" ] && break
              after="$next"
            done
            """;

    private static final String VERIFY_NODE = """
            // Verifies a Fill Once webhook post with the Standard Webhooks library (npm install standardwebhooks) and
            // answers 204 once verified; FILLONCE_WEBHOOK_SECRET is the department's whsec_... secret.
            import http from 'node:http';
            import { Webhook } from 'standardwebhooks';

            const webhook = new Webhook(process.env.FILLONCE_WEBHOOK_SECRET.replace(/^whsec_/, ''));
            http.createServer((request, response) => {
              const chunks = [];
              request.on('data', (chunk) => chunks.push(chunk));
              request.on('end', () => {
                const body = Buffer.concat(chunks).toString('utf8');
                try {
                  // throws on a bad signature or a timestamp more than 5 minutes off
                  const payload = webhook.verify(body, request.headers);
                  console.log(request.headers['fillonce-type'], request.headers['webhook-id'], payload);
                  response.writeHead(204).end(); // after storing it: deduplicate on webhook-id
                } catch (error) {
                  response.writeHead(400).end(String(error));
                }
              });
            }).listen(Number(process.env.PORT || 8443));
            """;

    private static final String VERIFY_PYTHON = """
            # Verifies a Fill Once webhook post's Standard Webhooks signature with the standard library only.
            # verify(headers, body) returns the payload or raises ValueError; FILLONCE_WEBHOOK_SECRET is the
            # department's whsec_... secret.
            import base64
            import hashlib
            import hmac
            import json
            import os
            import time

            TOLERANCE_SECONDS = 5 * 60


            def verify(headers, body, secret=None):
                secret = secret or os.environ["FILLONCE_WEBHOOK_SECRET"]
                key = base64.b64decode(secret.removeprefix("whsec_"))
                message_id = headers["webhook-id"]
                timestamp = headers["webhook-timestamp"]
                if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
                    raise ValueError("webhook-timestamp is too far from now")
                signed = ("%s.%s.%s" % (message_id, timestamp, body)).encode()
                expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
                for signature in headers["webhook-signature"].split(" "):
                    version, _, value = signature.partition(",")
                    if version == "v1" and hmac.compare_digest(value, expected):
                        return json.loads(body)
                raise ValueError("no webhook-signature matches")


            if __name__ == "__main__":
                import sys
                # python3 verify_webhook.py <webhook-id> <webhook-timestamp> <webhook-signature> < body.json
                headers = {"webhook-id": sys.argv[1], "webhook-timestamp": sys.argv[2],
                           "webhook-signature": sys.argv[3]}
                print(verify(headers, sys.stdin.read()))
            """;
}
