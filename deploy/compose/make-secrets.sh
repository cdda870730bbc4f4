#!/usr/bin/env bash
# Makes the secrets compose.yaml reads, once, into a folder outside git (default: deploy/compose/secrets/, ignored):
#   kafka.env                   the brokers' own two passwords and each service's SCRAM password (stored in the
#                               brokers' metadata when their storage is first formatted)
#   <service>.env               exactly the secrets that service reads (env_file of its container)
#   mongodb-keyfile             the replica set members' shared key (internal authentication)
#   mongodb-root-password       MongoDB's root user (made on mongodb-1's first start; used by mongodb-init only)
#   mongodb-app-password        the services' MongoDB user "fillonce" (readWrite on their three databases)
# Keep the folder: the Kafka passwords and the registry's key pair live on in the data (deploy/README.md). It refuses
# to overwrite an existing folder. Needs bash and openssl.
set -euo pipefail
out="${1:-$(cd "$(dirname "$0")" && pwd)/secrets}"
if [[ -e "$out" ]]; then
  echo "$out exists: keep it (the running stack's data depends on it), or move it away first" >&2
  exit 1
fi
umask 077
mkdir -p "$out"
hex() { openssl rand -hex 32; }
b64() { openssl rand -base64 32; }
for principal in CONTROLLER BROKER REGISTRY INTAKE SYNC GATEWAY; do
  declare "kafka_${principal}=$(hex)"
done
identity="$(b64)"
sealing="$(b64)"
hash_secret="$(b64)"
admin_key="fo_admin_$(openssl rand -hex 24)"
openssl genpkey -algorithm ed25519 -outform DER -out "$out/registry-signing.der"
signing_key="$(base64 -w0 "$out/registry-signing.der")"
verify_key="$(openssl pkey -inform DER -in "$out/registry-signing.der" -pubout -outform DER | base64 -w0)"
rm "$out/registry-signing.der"
mongodb_app="$(hex)"
mongodb_uri="mongodb://fillonce:${mongodb_app}@mongodb-1:27017,mongodb-2:27017,mongodb-3:27017/?replicaSet=rs0&authSource=admin"

cat > "$out/kafka.env" <<ENV
FILLONCE_KAFKA_CONTROLLER_PASSWORD=${kafka_CONTROLLER}
FILLONCE_KAFKA_BROKER_PASSWORD=${kafka_BROKER}
FILLONCE_KAFKA_REGISTRY_PASSWORD=${kafka_REGISTRY}
FILLONCE_KAFKA_INTAKE_PASSWORD=${kafka_INTAKE}
FILLONCE_KAFKA_SYNC_PASSWORD=${kafka_SYNC}
FILLONCE_KAFKA_GATEWAY_PASSWORD=${kafka_GATEWAY}
ENV
cat > "$out/registry-service.env" <<ENV
FILLONCE_KAFKA_PASSWORD=${kafka_REGISTRY}
FILLONCE_IDENTITY_SECRET=${identity}
FILLONCE_BOOTSTRAP_ADMIN_KEY=${admin_key}
FILLONCE_REGISTRY_SIGNING_KEY=${signing_key}
FILLONCE_WEBHOOK_SEALING_KEY=${sealing}
MONGODB_URI=${mongodb_uri}
ENV
cat > "$out/intake-service.env" <<ENV
FILLONCE_KAFKA_PASSWORD=${kafka_INTAKE}
FILLONCE_IDENTITY_SECRET=${identity}
FILLONCE_REGISTRY_VERIFY_KEY=${verify_key}
MONGODB_URI=${mongodb_uri}
ENV
cat > "$out/sync-service.env" <<ENV
FILLONCE_KAFKA_PASSWORD=${kafka_SYNC}
FILLONCE_IDENTITY_SECRET=${identity}
FILLONCE_REGISTRY_VERIFY_KEY=${verify_key}
FILLONCE_WEBHOOK_SEALING_KEY=${sealing}
FILLONCE_HASH_SECRET=${hash_secret}
MONGODB_URI=${mongodb_uri}
ENV
cat > "$out/gateway.env" <<ENV
FILLONCE_KAFKA_PASSWORD=${kafka_GATEWAY}
FILLONCE_IDENTITY_SECRET=${identity}
FILLONCE_REGISTRY_VERIFY_KEY=${verify_key}
ENV
openssl rand -base64 756 > "$out/mongodb-keyfile"
hex > "$out/mongodb-root-password"
printf '%s\n' "$mongodb_app" > "$out/mongodb-app-password"
echo "Secrets written to $out (the first admin's API key: FILLONCE_BOOTSTRAP_ADMIN_KEY in registry-service.env)"
