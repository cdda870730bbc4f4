package io.fillonce.sync;

/** The topic names fixed by contracts/asyncapi.yaml (the registry's: fillonce-registry-feed's RegistryTopic). */
public final class Topics {

    public static final String RECORDS = "fillonce.records";
    /** Internal to sync: fillonce.records messages the fan-out could not read, exactly as they came, for operators. */
    public static final String RECORDS_DEAD = "fillonce.records.dead";
    /** Internal to sync: the audit events of deliveries and reads, on their way into the hash chain. */
    public static final String AUDIT = "fillonce.sync.audit";
    private static final String DEPARTMENT_PREFIX = "fillonce.dept.";

    private Topics() {
    }

    public static String department(String code) {
        return DEPARTMENT_PREFIX + code;
    }
}
