package io.fillonce.sync;

import io.fillonce.sync.mapping.MappingSettings;
import io.fillonce.sync.mapping.Subjects;

/** The subjects departments see in the tests: the master secret of src/test/resources/config/application.yml. */
public final class TestSubjects {

    public static final String HASH_SECRET = "sync-tests-hash-secret-not-for-production-0123";
    public static final Subjects SUBJECTS = new Subjects(new MappingSettings(HASH_SECRET));

    private TestSubjects() {
    }

    /** What a department whose subscription does not disclose the key sees a resident under. */
    public static String pseudonymous(String department, String idNumber) {
        return SUBJECTS.forDepartment(department, false, "resident", idNumber);
    }

    /** The key part of {@link #pseudonymous}: a feed item's {@code entityKey}. */
    public static String pseudonym(String department, String idNumber) {
        return SUBJECTS.pseudonym(department, "resident", idNumber);
    }
}
