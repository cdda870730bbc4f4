package io.fillonce.bench.faults;

/**
 * A fault and what it proves. {@code brokers}: the stack it runs on (every scenario but the single broker's runs on
 * the production-shaped three). {@code copies}: how many racing requests carry each submission. {@code paced}: the
 * load is spread evenly over the scenario's duration instead of going as fast as the platform takes it. The fault
 * starts once {@code startAt} of the load is acknowledged.
 */
record Scenario(String name, int brokers, String proves, int copies, boolean paced, double startAt, Fault fault) {

    /** Breaks something, waits, heals it; runs on its own thread while the load goes on. */
    interface Fault {

        void inject(Trial trial) throws Exception;
    }

    static Scenario of(String name, int brokers, String proves, Fault fault) {
        return new Scenario(name, brokers, proves, 1, false, 0.3, fault);
    }
}
