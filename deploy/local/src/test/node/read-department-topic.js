// A department's own consumer, not Java: reads its topic with the Kafka credentials the registry issued it
// (SCRAM-SHA-512, a consumer group under its prefix, committed messages only) and prints the first message whose
// ce_id header is the one asked for, as JSON: {key, headers, value}. Exit 1 when it is not there within 60 s.
// Usage: node read-department-topic.js <credentials.json> <ce_id>
const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');

const credentials = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const wanted = process.argv[3];
const kafka = new Kafka({
  clientId: credentials.username,
  brokers: credentials.bootstrapServers.split(','),
  ssl: credentials.securityProtocol === 'SASL_SSL',
  sasl: { mechanism: credentials.saslMechanism.toLowerCase(), username: credentials.username, password: credentials.password },
  logLevel: logLevel.ERROR,
});
const consumer = kafka.consumer({ groupId: credentials.groupPrefix + 'node-' + process.pid, readUncommitted: false });

// Leaves the group, then exits; never from inside eachMessage (kafkajs's disconnect waits for it to return).
function leave(code) {
  setTimeout(() => process.exit(code), 5000).unref();
  consumer.disconnect().finally(() => process.exit(code));
}

const timer = setTimeout(() => {
  console.error(`no message with ce_id ${wanted} on ${credentials.topic} within 60 s`);
  leave(1);
}, 60000);

(async () => {
  await consumer.connect();
  await consumer.subscribe({ topic: credentials.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, v.toString()]));
      if (headers.ce_id === wanted) {
        clearTimeout(timer);
        // a fillonce.record.withdrawn notice has no value
        const value = message.value === null ? null : JSON.parse(message.value.toString());
        console.log(JSON.stringify({ key: message.key.toString(), headers, value }));
        setImmediate(() => leave(0));
      }
    },
  });
})().catch((e) => {
  console.error(`${e.type || e.name}: ${e.message}`);
  process.exit(2);
});
