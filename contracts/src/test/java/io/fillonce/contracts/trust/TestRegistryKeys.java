package io.fillonce.contracts.trust;

/**
 * The Ed25519 key pair the services' tests sign and verify fillonce.registry messages with, and their webhook
 * sealing key (the public key is also
 * {@code fillonce.registry.verify-key} in each service's test configuration). Test-only: published in the test-jar,
 * never configured outside tests; {@code ./fillonce up} makes a key pair of its own per data folder.
 */
public final class TestRegistryKeys {

    public static final String PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIP7FEyYoTPqC20GCqjJA9nDJGv/1+kYXJ4CDpxujyBoR";
    public static final String PUBLIC_KEY = "MCowBQYDK2VwAyEA0VFpLcy8fDnFyyzzvqehDVwa7fFUlsc7aZCNeWCTAIU=";

    public static final RegistrySignature.Signer SIGNER = RegistrySignature.signer(PRIVATE_KEY, "test key");

    /** The webhook sealing key of registry's and sync's test configuration. */
    public static final String WEBHOOK_SEALING_KEY = "test-sealing-key-not-for-production-0123456789";
    public static final SealedSecrets SEALING = SealedSecrets.withKey(WEBHOOK_SEALING_KEY, "test sealing key");

    private TestRegistryKeys() {
    }
}
