package io.fillonce.intake.record;

/**
 * A write to an entity whose erasure is not finished yet: 409. The message does not name the entity, as bulk-upload
 * results keep it.
 */
public class RecordErased extends RuntimeException {

    RecordErased(Erasure erasure) {
        super("This entity's personal data is being erased (since " + erasure.at() + "): it takes no new version, "
                + "retraction or reinstatement. Once the erasure is finished, a submission starts a new entity.");
    }
}
